/**
 * The scenario catalogue: every documented rule the suite shows, in one place per product, each with
 * its id, title, source, the emulator variant that breaks it and the checks that must then fail.
 * The kill test (tests/suite/scenario-kills.spec.ts), the emulator probes
 * (tests/emulator/scenario-variants.spec.ts), the source lint and the conformance report all read it.
 */
import { FAC_SCENARIOS } from './fac.ts';
import { FAZ_SCENARIOS } from './faz.ts';
import { FSM_SCENARIOS } from './fsm.ts';
import type { ScenarioEntry } from './types.ts';

export type { ScenarioEntry } from './types.ts';

export const SCENARIOS_BY_PRODUCT = { fac: FAC_SCENARIOS, fsm: FSM_SCENARIOS, faz: FAZ_SCENARIOS } as const;

export const SCENARIOS: readonly ScenarioEntry[] = Object.values(SCENARIOS_BY_PRODUCT).flat();

const byId = new Map(SCENARIOS.map((s) => [s.id, s]));

/** The catalogue entry of a scenario id, if it has one. */
export const scenarioEntry = (id: string): ScenarioEntry | undefined => byId.get(id);
