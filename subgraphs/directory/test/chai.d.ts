// chai 6 ships no type declarations and @types/chai is not a root devDependency (not ours to
// add). Until it is, this declares the part of chai's `expect` these tests use, so they stay typed.
declare module 'chai' {
  interface Assertion {
    to: Assertion;
    be: Assertion;
    deep: Assertion;
    equal(expected: unknown, message?: string): Assertion;
    within(start: number, finish: number, message?: string): Assertion;
  }
  export function expect(actual: unknown, message?: string): Assertion;
}
