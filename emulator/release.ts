/**
 * The product release an emulator answers as (`--fac-version 8.0.1`, `--fsm-version 7.5.0`). A
 * release selects documented version-dependent behaviour, read where the rule lives
 * (`releaseAtLeast(ctx.version, '8.0')`), like a variant flag. Kept apart from lib/ on purpose: the
 * emulators read the documents independently of the suite.
 */

/** "6.3.1", "8.0", "7.5.1": dot-separated whole numbers, two or three of them. */
export const RELEASE_PATTERN = /^\d{1,3}\.\d{1,3}(\.\d{1,4})?$/;

/** Throws a plain Error naming the product when `version` is not a release number. */
export function checkRelease(product: string, version: string): string {
  if (!RELEASE_PATTERN.test(version)) throw new Error(`${product} version must read like 6.3.1 (major.minor[.patch]), not "${version}"`);
  return version;
}

/** Whether `version` is `min` or later, numerically part by part (a missing part is 0). */
export function releaseAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
