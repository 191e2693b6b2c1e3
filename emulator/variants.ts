// Deliberately broken variants of the emulator, for the suite's self-tests: each one breaks exactly
// one documented behaviour. The flag is checked where the behaviour lives (one `if` each):
//   usergroups-patch-appends       → emulator/fac/usergroups.ts   (patch)
//   auth-unknown-user-401          → emulator/fac/auth.ts         (authenticate)
//   localusers-list-drops-username → emulator/fac/localusers.ts   (dehydrate)
//   limit-ignored                  → emulator/wire/paging.ts      (paginate)

export interface Variant {
  id: VariantId;
  description: string;
  /** The source passage the variant violates. */
  source: string;
}

export const VARIANTS = [
  {
    id: 'usergroups-patch-appends',
    description: 'PATCH /api/v1/usergroups/<id>/ with "users" appends to the member list instead of replacing it.',
    source: '002 · User groups (/usergroups/) · Add a user to a group: "This command is not additive [...] it will overwrite."',
  },
  {
    id: 'auth-unknown-user-401',
    description: 'POST /api/v1/auth/ for a username that does not exist answers 401 instead of 404.',
    source: '002 · Authentication (/auth/) · Response codes: "404 Not Found — User does not exist".',
  },
  {
    id: 'localusers-list-drops-username',
    description: 'Objects in /api/v1/localusers/ list answers lack the username field (detail answers keep it).',
    source: '002 · Local users (/localusers/) · List all local users: every example object carries "username".',
  },
  {
    id: 'limit-ignored',
    description: 'List endpoints ignore ?limit: pages always hold 20 objects and meta.limit stays 20.',
    source: '002 · The FortiAuthenticator API · View pages for large lists ("can be set up to a maximum of 1000"); facts · tastypie paging.',
  },
] as const satisfies readonly { id: string; description: string; source: string }[];

export type VariantId = (typeof VARIANTS)[number]['id'];

export class VariantFlags {
  private readonly on: ReadonlySet<VariantId>;

  constructor(ids: Iterable<VariantId> = []) {
    this.on = new Set(ids);
  }

  has(id: VariantId): boolean {
    return this.on.has(id);
  }

  get ids(): VariantId[] {
    return [...this.on];
  }
}

export function isVariantId(id: string): id is VariantId {
  return VARIANTS.some((v) => v.id === id);
}

/** Turn option strings into flags; an unknown id is a programming error and throws. */
export function resolveVariants(ids: readonly string[] = []): VariantFlags {
  const unknown = ids.filter((id) => !isVariantId(id));
  if (unknown.length > 0)
    throw new Error(`Unknown emulator variant(s): ${unknown.join(', ')}. Known: ${VARIANTS.map((v) => v.id).join(', ')}`);
  return new VariantFlags(ids.filter(isVariantId));
}

export function describeVariant(id: VariantId): Variant {
  const v = VARIANTS.find((x) => x.id === id);
  if (!v) throw new Error(`Unknown emulator variant: ${id}`);
  return v;
}
