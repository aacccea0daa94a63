// graphql-codegen's CommonJS build requires auto-bind 5, an ES module. Node (from 20.19) loads it,
// as `npm run codegen` and schema:check do; Jest's loader only does from Node 24.9. Until the tests
// run there, jest.config.js maps auto-bind to this stand-in, which does what auto-bind does for
// codegen's visitors: binds every method of the prototype chain to the instance.
export default function autoBind<T extends object>(self: T): T {
  for (
    let prototype = Object.getPrototypeOf(self);
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    for (const key of Reflect.ownKeys(prototype)) {
      if (key === 'constructor' || typeof Reflect.getOwnPropertyDescriptor(prototype, key)?.value !== 'function') continue;
      const method = Reflect.get(self, key) as (...args: unknown[]) => unknown;
      Reflect.set(self, key, method.bind(self));
    }
  }
  return self;
}
