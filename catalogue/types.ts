/** One documented rule of the catalogue (catalogue/fac.ts …). */
export interface ScenarioEntry {
  /** Kebab-case id: the `scenario:` of the x-cases that show the rule. */
  id: string;
  /** The rule in one line, as the report lists it. */
  title: string;
  /** The seed (or fact) section that states the rule: `002 · Section · Heading`. */
  source: string;
  /** The emulator variant that breaks exactly this rule (emulator/fac/variants.ts). */
  variant?: string;
  /** Other variants that break the same rule (each must fail exactly `mustFail` too). */
  alsoBrokenBy?: string[];
  /** A unit-wide operator set-up the rule needs, which excludes the state the other rules need (the
   * SSO web service off): the kill test starts the emulator in it (emulator/fac/models/operator-states.ts). */
  emulatorState?: string;
  /** Why the rule has no variant (then it cannot be proven able to fail, and says so). */
  withoutVariant?: string;
  /** Why the rule has no case in openapi/ yet. */
  withoutCase?: string;
  /** The check ids (checks/) that fail on `variant`, and no others. */
  mustFail?: string[];
  /** What the variant keeps working, where that matters for reading the kill. */
  note?: string;
}
