/**
 * The embedded sound generation service's music: compose a score once per call, render
 * each instrument's stem from it (on the render threads).
 */
export { compose, TAIL_SECONDS, type CompositionRequest } from './compose';
export { renderStem } from './render-stem';
export type { Score } from './score';
export { seedOf } from './random';
export { SAMPLE_RATE as STEM_SAMPLE_RATE } from './dsp';
