export { Scope } from './scopes';
export type { KnownScope } from './scopes';
export { anonymous, assertScope, hasScope } from './auth-context';
export type { AuthContext } from './auth-context';
export { authenticate, createAuthenticator, signToken } from './tokens';
export type { Authenticator, TokenOptions, SignTokenOptions } from './tokens';
export { enforceScopes } from './enforce-scopes';
export { authEnvironment, developmentSecret, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from './auth-config';
export {
  gatewaySignatureHeader,
  MemoryNonceStore,
  signatureToleranceSeconds,
  signGatewayRequest,
  verifyGatewayRequest,
} from './gateway-signature';
export type { NonceStore, SignedRequest } from './gateway-signature';
