import type { QueryPlan } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * @apollo/gateway's own query-plan cache (an LRU of about 30 MiB, plans
 * sized as their JSON), handed to it as `queryPlannerConfig.cache` so that
 * its lookups can be counted: `gateway_query_plan_cache_lookups_total` by
 * result (hit, miss) and `gateway_query_plan_cache_entries`. The warm-up's
 * plans at boot count as misses.
 */
export function measuredQueryPlanCache(registry: Registry, maxMiB = 30) {
  const cache = new InMemoryLRUCache<QueryPlan>({
    maxSize: 2 ** 20 * maxMiB,
    sizeCalculation: (plan) => Buffer.byteLength(JSON.stringify(plan), 'utf8'),
  });
  const lookups = new Counter({
    name: 'gateway_query_plan_cache_lookups_total',
    help: 'Query-plan cache lookups, by result (hit: planned before; miss: planned now).',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: 'gateway_query_plan_cache_entries',
    help: 'Query plans held in the cache.',
    registers: [registry],
    collect() {
      this.set(cache.keys().length);
    },
  });
  return {
    async get(key: string) {
      const plan = await cache.get(key);
      lookups.inc({ result: plan ? 'hit' : 'miss' });
      return plan;
    },
    set: (key: string, plan: QueryPlan) => cache.set(key, plan),
    delete: (key: string) => cache.delete(key),
    clear: () => cache.clear(),
  };
}
