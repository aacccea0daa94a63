export { errorCatalogue, isCatalogued } from './catalogue';
export type { ErrorCode } from './catalogue';
export { clientError } from './client-error';
export { UserErrors } from './user-error';
export type { UserError, UserErrorCode } from './user-error';
export { maskErrors } from './mask-errors';
export type { MaskErrorsOptions } from './mask-errors';
export { clientCodeOf, clientMessageOf } from './client-mistake';
export { checkText, checkYear, checkLabels } from './input-checks';
