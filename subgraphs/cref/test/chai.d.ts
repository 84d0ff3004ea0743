// chai 6 ships no type declarations and @types/chai is not a root devDependency (not ours to
// add); until it is, chai's API is untyped in this package's tests.
declare module 'chai';
