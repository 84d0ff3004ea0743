/** Test support shared by every package's tests: real databases, never mocks. */
export * from './postgres.ts';
export * from './databases.ts';
export * from './redis.ts';
