import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** A structured JSON logger on stdout, one per process, named after the service. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
  });
}
