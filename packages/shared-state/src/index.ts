export { connectSharedState, type SharedState, type SharedStateLogger, type SharedStateOptions } from './shared-state';
