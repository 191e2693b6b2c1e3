/**
 * Deliberately broken emulator variants, the mechanism shared by the three emulators: each product
 * lists its variants (id, what it breaks, the source passage it violates) in its own `variants.ts`,
 * and this file turns option strings into the flags the models test with `variants.has(id)`.
 */

export interface VariantSpec {
  id: string;
  description: string;
  /** The source passage the variant violates. */
  source: string;
}

/** The variants switched on for one emulator instance. */
export class VariantFlags<Id extends string = string> {
  private readonly on: ReadonlySet<Id>;

  constructor(ids: Iterable<Id> = []) {
    this.on = new Set(ids);
  }

  has(id: Id): boolean {
    return this.on.has(id);
  }

  get ids(): Id[] {
    return [...this.on];
  }
}

export interface VariantRegistry<V extends VariantSpec> {
  readonly variants: readonly V[];
  isId(id: string): id is V['id'];
  /** Turn option strings into flags; an unknown id is a programming error and throws. */
  resolve(ids?: readonly string[]): VariantFlags<V['id']>;
  describe(id: V['id']): V;
}

/** `product` names the emulator in the error an unknown id raises ("Unknown FortiSIEM emulator variant(s)"). */
export function variantRegistry<V extends VariantSpec>(product: string, variants: readonly V[]): VariantRegistry<V> {
  const known = new Map(variants.map((v) => [v.id, v]));
  const isId = (id: string): id is V['id'] => known.has(id);
  return {
    variants,
    isId,
    resolve(ids = []) {
      const unknown = ids.filter((id) => !isId(id));
      if (unknown.length > 0) throw new Error(`Unknown ${product} variant(s): ${unknown.join(', ')}. Known: ${variants.map((v) => v.id).join(', ')}`);
      return new VariantFlags(ids.filter(isId));
    },
    describe(id) {
      const v = known.get(id);
      if (!v) throw new Error(`Unknown ${product} variant: ${id}`);
      return v;
    },
  };
}
