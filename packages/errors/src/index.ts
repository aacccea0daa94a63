export { errorCatalogue, isCatalogued } from './catalogue';
export type { ErrorCode } from './catalogue';
export { clientError } from './client-error';
export { UserErrors } from './user-error';
export type { UserError, UserErrorCode } from './user-error';
export { maskErrors } from './mask-errors';
export type { ErrorLogger, MaskErrorsOptions } from './mask-errors';
export { checkText, checkYear, checkLabels } from './input-checks';
