/**
 * One line of a usage batch: how often a client used a schema coordinate in
 * one hour. The spool's format (JSON lines); @nlai/usage reads it back.
 */
export interface UsageRecord {
  /** The hour's start, ISO 8601 in UTC, e.g. `2026-11-30T07:00:00.000Z`. */
  hour: string;
  /** `apollographql-client-name`, or `unknown`. */
  client: string;
  /** `apollographql-client-version`, or `unknown`. */
  version: string;
  /** `Type.field`, `Type.field(argument:)`, `Input.field` or `Enum.VALUE`. */
  coordinate: string;
  /** Operations that used it, scaled up by the sample rate. */
  count: number;
}

/** What {@link UsageAggregator.drain} hands over. */
export interface DrainedUsage {
  records: UsageRecord[];
  /** Uses not counted since the last drain because the aggregator was full. */
  dropped: number;
}

const hourOf = (time: number) => new Date(time - (time % 3_600_000)).toISOString();
const separator = '\u0000';

/**
 * Counts per hour, client, version and coordinate, in memory, until drained.
 * Bounded: at `maxKeys` distinct keys a use of a new key is dropped (and
 * counted as dropped) while uses of keys already held still count; `onFull`
 * fires once per fill, so the owner can drain early.
 */
export class UsageAggregator {
  private counts = new Map<string, number>();
  private dropped = 0;
  private fullSignalled = false;

  constructor(
    private readonly maxKeys: number,
    private readonly onFull: () => void = () => {},
  ) {}

  /** Distinct keys held. */
  get size(): number {
    return this.counts.size;
  }

  /** Counts one operation's coordinates, `weight` times (1 / the sample rate). */
  add(client: string, version: string, coordinates: Iterable<string>, weight = 1, time = Date.now()): void {
    const prefix = `${hourOf(time)}${separator}${client}${separator}${version}${separator}`;
    for (const coordinate of coordinates) {
      const key = prefix + coordinate;
      const count = this.counts.get(key);
      if (count !== undefined) this.counts.set(key, count + weight);
      else if (this.counts.size < this.maxKeys) this.counts.set(key, weight);
      else {
        this.dropped += weight;
        if (!this.fullSignalled) {
          this.fullSignalled = true;
          this.onFull();
        }
      }
    }
  }

  /** Everything counted so far, emptied; counts rounded to whole uses (at least 1). */
  drain(): DrainedUsage {
    const records = [...this.counts].map(([key, count]) => {
      const [hour, client, version, coordinate] = key.split(separator) as [string, string, string, string];
      return { hour, client, version, coordinate, count: Math.max(1, Math.round(count)) };
    });
    const dropped = Math.round(this.dropped);
    this.counts = new Map();
    this.dropped = 0;
    this.fullSignalled = false;
    return { records, dropped };
  }
}
