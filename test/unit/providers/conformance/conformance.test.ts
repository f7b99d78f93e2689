/** The conformance suite (conformance.ts) for every provider in subjects/: one parameter object each. */
import { describe } from 'vitest';
import { describeApiConformance, describeTrackedConformance } from './conformance';
import { API_SUBJECTS, TRACKED_SUBJECTS } from './subjects';

describe.each(API_SUBJECTS)('$provider $variant', (subject) => describeApiConformance(subject));
describe.each(TRACKED_SUBJECTS)('$provider (no token API)', (subject) => describeTrackedConformance(subject));
