export { Scope } from './scopes';
export type { KnownScope } from './scopes';
export { anonymous, assertScope, hasScope } from './auth-context';
export type { AuthContext } from './auth-context';
export { authenticate, signToken } from './tokens';
export type { TokenOptions, SignTokenOptions } from './tokens';
export { enforceScopes } from './enforce-scopes';
export { authEnvironment, developmentSecret, tokenOptionsFrom } from './auth-config';
