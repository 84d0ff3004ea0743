// chai 6 ships no type declarations and @types/chai is not installed at the root; until it is
// (a root devDependency, not ours to add), chai's API is untyped in this package's tests.
declare module 'chai';
