import { z } from '@nlai/config';
import type { Logger } from '@nlai/http-server';

const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * FIGURE_RELEASE_TIMES: the moments of the day (UTC, HH:MM, comma-separated)
 * at which a new release of the public figures is made, e.g. "03:00" or
 * "03:00,15:00"; "off" for none (releases then come from `npm run
 * figures:release` only). Parsed to minutes after midnight.
 */
export const releaseTimesVariable = () =>
  z
    .string()
    .default('03:00')
    .transform((text, context) => {
      if (text.trim().toLowerCase() === 'off') return [];
      const times = text.split(',').map((part) => part.trim());
      const wrong = times.filter((time) => !timeOfDay.test(time));
      if (wrong.length || times.length === 0) {
        context.addIssue({ code: 'custom', message: `expected UTC times of day as HH:MM, comma-separated, or "off"; got "${text}"` });
        return z.NEVER;
      }
      return [...new Set(times.map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))))].sort((a, b) => a - b);
    });

/** Milliseconds from `now` to the next of the given times of day (minutes after midnight, UTC). */
export function untilNextRelease(times: readonly number[], now: Date): number {
  const minuteOfDay = now.getUTCHours() * 60 + now.getUTCMinutes();
  const next = times.find((time) => time > minuteOfDay) ?? times[0]! + 24 * 60;
  const startOfMinute = now.getTime() - (now.getUTCSeconds() * 1000 + now.getUTCMilliseconds());
  return startOfMinute + (next - minuteOfDay) * 60_000 - now.getTime();
}

/**
 * Makes a release at each of the given times of day until stopped. A failed
 * release is logged and retried at the next moment; the timer does not keep
 * the process alive.
 */
export function scheduleReleases(times: readonly number[], publish: () => Promise<{ id: string }>, logger: Logger): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const planNext = () => {
    if (times.length === 0) return;
    timer = setTimeout(
      () => {
        publish()
          .then((release) => logger.info({ release: release.id }, 'released the public figures'))
          .catch((error: unknown) => logger.error({ err: error }, 'the scheduled release of the public figures failed'))
          .finally(planNext);
      },
      untilNextRelease(times, new Date()),
    );
    timer.unref();
  };
  planNext();
  return { stop: () => clearTimeout(timer) };
}
