// The data calls behind an access token: user context and incident update, with the token's
// privileges applied. No HTTP here: answers are values, failures are messages.
//
// 000 · API Token Privileges: a token acts with the privileges of the user who created it —
//   * organisation scope: "Token created by Org1 Full Admin user can access Org1 logs"; "Token created
//     by Super-global Full Admin user can access logs belonging to all Organizations";
//   * role: "Tokens created by a Network Admin user can access only network devices and related logs";
//     "Tokens created by a Full Admin user can access all logs".
// Concrete reading used here: an incident or event type is visible when its organisation is in scope
// AND (the user is a Full Admin OR it comes from a network device). So for GET context/user a
// Network Admin token gets the same contexts as a Full Admin token of its organisation, but their
// `incidents` and `topEventTypes` hold only network-device entries, and `risk` is shown only when every
// incident it is explained by is visible (otherwise {"score": 0}); for incident update, an incident
// the token cannot see answers like an unknown one.

import { fail, ok, SEVERITIES, type Identity, type Incident, type Principal, type Result, type Severity, type Source } from './types.ts';
import type { FsmVariantFlags } from './variants.ts';

export class FsmData {
  constructor(
    readonly incidents: Map<number, Incident>,
    readonly identities: Identity[],
    private readonly variants: FsmVariantFlags,
  ) {}

  /** Organisation scope (000 · API Token Privileges). */
  inOrgScope(p: Principal, org: string): boolean {
    // "Token created by Super-global Full Admin user can access logs belonging to all Organizations".
    if (p.org.global && !this.variants.has('fsm-super-global-scoped')) return true;
    if (this.variants.has('fsm-org-scope-ignored')) return true;
    return p.org.name === org;
  }

  /** Role scope (000 · "Tokens created by a Network Admin user can access only network devices and related logs"). */
  roleAllows(p: Principal, source: Source): boolean {
    return p.user.role === 'Full Admin' || source === 'network' || this.variants.has('fsm-role-scope-ignored');
  }

  private visible(p: Principal, incident: Incident): boolean {
    return this.inOrgScope(p, incident.org) && this.roleAllows(p, incident.source);
  }

  /**
   * GET /phoenix/rest/context/user?value=<user> (000 · Get user (admin) context-GET API): one context per
   * organisation in scope that knows the user, in the seed example's shape and key order. Reading: a
   * user nobody in scope knows answers 200 {"contexts": []} (a lookup that found nothing), not an error.
   * The user name matches exactly (case-sensitive).
   */
  userContext(p: Principal, value: string): { contexts: Record<string, unknown>[] } {
    const contexts = this.identities
      .filter((id) => id.value === value && this.inOrgScope(p, id.org))
      .map((id) => {
        const incidents = [...this.incidents.values()].filter((i) => i.org === id.org && i.user === id.value && this.visible(p, i));
        const visibleIds = new Set(incidents.map((i) => i.incidentId));
        const risk = id.risk && id.risk.explanation.incidentIds.every((n) => visibleIds.has(n))
          ? {
              score: id.risk.score,
              explanation: {
                name: id.risk.explanation.name,
                // 000 example: "incidentId":"7,8" and "count":"1,1" are comma-joined strings.
                incidentId: id.risk.explanation.incidentIds.join(','),
                severity: id.risk.explanation.severity,
                rarity: id.risk.explanation.rarity,
                count: id.risk.explanation.counts.join(','),
              },
            }
          : { score: 0 };
        return {
          parameter: 'user',
          value: id.value,
          location: { latitude: id.location.latitude, longitude: id.location.longitude },
          userInfo: { groups: [...id.groups] },
          incidents: incidents.map((i) => ({
            incidentId: i.incidentId,
            ruleName: i.ruleName,
            incidentTitle: i.incidentTitle,
            firstSeenTime: i.firstSeenTime,
            lastSeenTime: i.lastSeenTime,
            severityCat: i.severityCat,
          })),
          topEventTypes: id.topEventTypes
            .filter((e) => this.roleAllows(p, e.source))
            .map((e) => ({ eventType: e.eventType, eventName: e.eventName, count: e.count })),
          risk,
        };
      });
    return { contexts };
  }

  /**
   * POST /phoenix/rest/pub/incident/update/{incidentId} (000 · Update incident status-POST API; facts ·
   * FNDN incident update: fields incidentStatus 0-3, incidentExtTicketType/Id/State, incidentExtUser,
   * incidentExtClearedTime (epoch ms), incidentSeverity LOW|MEDIUM|HIGH, comments; 200 "SUCCESS").
   * Readings where FNDN is silent or contradicts itself:
   *   * FNDN says both "incidentId is required in the url param but not the post body" and "incidentId
   *     is always required in the JSON body": the URL decides; a body incidentId must match it.
   *   * an unknown incident, or one the token cannot see, is a 400 (FNDN lists 200/400/401 only);
   *   * integers may come as JSON numbers or digit strings (Jackson's default scalar coercion);
   *     incidentSeverity is case-sensitive (a Java enum name);
   *   * fields FNDN does not list are ignored; an empty object changes nothing and answers SUCCESS;
   *   * `comments` replaces the incident's comment text.
   */
  updateIncident(p: Principal, idText: string, body: unknown): Result<Incident> {
    if (!/^\d{1,18}$/.test(idText)) return fail(`Invalid incident id: ${idText}`);
    const id = Number(idText);
    const incident = this.incidents.get(id);
    if (!incident || !this.visible(p, incident)) return fail(`Incident ${id} not found`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('Request body must be a JSON object');
    const fields = body as Record<string, unknown>;
    const patch: Partial<Incident> = {};
    if ('incidentId' in fields) {
      const bodyId = integer(fields.incidentId);
      if (bodyId !== id) return fail(`incidentId in the body (${String(fields.incidentId)}) does not match the URL (${id})`);
    }
    if ('incidentStatus' in fields) {
      const status = integer(fields.incidentStatus);
      // variant fsm-incident-values-narrowed: the range read as 0-2.
      const highest = this.variants.has('fsm-incident-values-narrowed') ? 2 : 3;
      if (status === undefined || status < 0 || status > highest) return fail(`Invalid incidentStatus: ${JSON.stringify(fields.incidentStatus)} (0-3)`);
      patch.incidentStatus = status;
    }
    if ('incidentSeverity' in fields) {
      const severity = fields.incidentSeverity;
      // variant fsm-incident-values-narrowed: HIGH refused.
      const narrowed = this.variants.has('fsm-incident-values-narrowed') && severity === 'HIGH';
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity) || narrowed)
        return fail(`Invalid incidentSeverity: ${JSON.stringify(severity)} (LOW, MEDIUM or HIGH)`);
      patch.severityCat = severity as Severity;
    }
    for (const key of ['comments', 'incidentExtTicketType', 'incidentExtTicketId', 'incidentExtTicketState', 'incidentExtUser'] as const) {
      if (!(key in fields)) continue;
      const v = fields[key];
      if (typeof v !== 'string') return fail(`Invalid ${key}: a string is expected`);
      patch[key] = v;
    }
    if ('incidentExtClearedTime' in fields) {
      const t = integer(fields.incidentExtClearedTime);
      if (t === undefined || t < 0) return fail('Invalid incidentExtClearedTime: epoch milliseconds expected');
      patch.incidentExtClearedTime = t;
    }
    Object.assign(incident, patch);
    return ok(incident);
  }
}

/** A non-negative safe integer from a JSON number or a digit string; undefined otherwise. */
function integer(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,16}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}
