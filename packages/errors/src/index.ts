export { errorCatalogue, httpStatusOf, isCatalogued, kindOf } from './catalogue';
export type { ErrorCode, ErrorKind, MistakeCode, ReportedFaultCode } from './catalogue';
export { clientError, reportedFault, requestError } from './client-error';
export { UserErrors } from './user-error';
export type { UserError, UserErrorCode } from './user-error';
export { maskErrors } from './mask-errors';
export type { MaskErrorsOptions } from './mask-errors';
export { clientCodeOf, clientMessageOf, publicCodeOf } from './client-mistake';
export { checkText, checkYear, checkLabels, currentUtcYear, earliestYear } from './input-checks';
