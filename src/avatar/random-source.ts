/** A source of uniform numbers in [0, 1), like `Math.random`; tests pass a seeded one. */
export type RandomSource = () => number;
