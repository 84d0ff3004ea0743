import pg from 'pg';

/**
 * What `npm run soak` checks in the databases once the load has stopped, straight from each
 * subgraph's PostgreSQL schema (not through the graph, which could hide a bad row). Each check
 * returns whether it holds and a line of detail; the soak fails when any does not.
 */

export interface Acknowledged {
  /** Writes the graph answered with data, by mutation: the id it returned and the key it used. */
  claims: { id: string; key: string }[];
  applications: { id: string; key: string }[];
  hourLogs: { id: string; key: string }[];
  /** Consent changes answered with changed: true — each must have its audit row. */
  consentEvents: { id: string; personId: string; purpose: string; action: string; key: string }[];
  /** Keys sent more than once whose attempts were answered with data: every answer must be the same. */
  retriedAnswers: Map<string, string[]>;
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function rows<T>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query(sql, params)).rows as T[];
}

/** Ids among `ids` that do not appear exactly once in schema.table. */
async function notStoredOnce(client: pg.Client, table: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; n: string }>(client, `SELECT id, count(*) AS n FROM ${table} WHERE id = ANY($1) GROUP BY id`, [ids]);
  const once = new Set(found.filter((r) => Number(r.n) === 1).map((r) => r.id));
  return ids.filter((id) => !once.has(id));
}

/** Rows written by keyed requests vs. keys stored: equal when every key wrote exactly once. */
async function keyedWritesOnce(client: pg.Client, schema: string, mutations: string[], table: string, newRows: string, changedOnly = false): Promise<{ keys: number; rows: number }> {
  const keyed = await rows<{ result: string | null }>(client, `SELECT result FROM ${schema}.idempotency_key WHERE mutation = ANY($1)`, [mutations]);
  const keys = keyed.filter((k) => k.result !== null && (!changedOnly || (JSON.parse(k.result) as { changed?: boolean }).changed === true)).length;
  const [count] = await rows<{ n: string }>(client, `SELECT count(*) AS n FROM ${schema}.${table} WHERE ${newRows}`);
  return { keys, rows: Number(count!.n) };
}

export async function checkInvariants(databaseUrl: string, ack: Acknowledged, baseline: { consentEvents: number }): Promise<InvariantResult[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const results: InvariantResult[] = [];
    const add = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });

    const over = await rows<{ id: string; quantity: number; claimed: number; sum: string }>(
      client,
      `SELECT o.id, o.quantity, o.quantity_claimed AS claimed, COALESCE(SUM(c.quantity), 0) AS sum
         FROM cref.donation_offer o LEFT JOIN cref.donation_claim c ON c.offer_id = o.id
        GROUP BY o.id, o.quantity, o.quantity_claimed
       HAVING o.quantity_claimed > o.quantity OR COALESCE(SUM(c.quantity), 0) > o.quantity OR COALESCE(SUM(c.quantity), 0) <> o.quantity_claimed`,
    );
    const [offers] = await rows<{ n: string }>(client, 'SELECT count(*) AS n FROM cref.donation_offer');
    add('no offer over-claimed; claimed units = sum of claims', over.length === 0, over.length === 0 ? `${offers!.n} offers checked` : `offers wrong: ${over.slice(0, 5).map((o) => `${o.id} (quantity ${o.quantity}, claimed ${o.claimed}, claims ${o.sum})`).join(', ')}`);

    const dupApps = await rows<{ job_id: string; person_id: string }>(client, 'SELECT job_id, person_id FROM wrenchway.job_application GROUP BY job_id, person_id HAVING count(*) > 1');
    add('no duplicate application (person, job)', dupApps.length === 0, dupApps.length === 0 ? 'none' : dupApps.slice(0, 5).map((d) => `${d.person_id}→${d.job_id}`).join(', '));

    const dupLogs = await rows<{ apprenticeship_id: string; worked_on: string }>(client, 'SELECT apprenticeship_id, worked_on FROM icar.apprenticeship_hour_log GROUP BY apprenticeship_id, worked_on HAVING count(*) > 1');
    add('no duplicate hour log (apprenticeship, day)', dupLogs.length === 0, dupLogs.length === 0 ? 'none' : dupLogs.slice(0, 5).map((d) => `${d.apprenticeship_id}@${d.worked_on}`).join(', '));

    const lost = [
      ...(await notStoredOnce(client, 'cref.donation_claim', ack.claims.map((c) => c.id))),
      ...(await notStoredOnce(client, 'wrenchway.job_application', ack.applications.map((a) => a.id))),
      ...(await notStoredOnce(client, 'icar.apprenticeship_hour_log', ack.hourLogs.map((h) => h.id))),
    ];
    const acknowledged = ack.claims.length + ack.applications.length + ack.hourLogs.length;
    add('every acknowledged write is stored exactly once', lost.length === 0, lost.length === 0 ? `${acknowledged} acknowledged writes found` : `missing or duplicated: ${lost.slice(0, 5).join(', ')}`);

    const differing = [...ack.retriedAnswers.entries()].filter(([, answers]) => new Set(answers).size > 1);
    const claims = await keyedWritesOnce(client, 'cref', ['claimDonation'], 'donation_claim', "claimed_by = 'per-soak-cref'");
    const apps = await keyedWritesOnce(client, 'wrenchway', ['applyToJob'], 'job_application', "note = 'soak'");
    const logs = await keyedWritesOnce(client, 'icar', ['logApprenticeshipHours'], 'apprenticeship_hour_log', "activity = 'Soak test shift'");
    const events = await keyedWritesOnce(client, 'directory', ['grantConsent', 'withdrawConsent'], 'consent_event', `seq > 0`, true);
    const eventRows = events.rows - baseline.consentEvents;
    const once = differing.length === 0 && claims.keys === claims.rows && apps.keys === apps.rows && logs.keys === logs.rows && events.keys === eventRows;
    add(
      'idempotent retries wrote once (rows written = keys stored; retries answered alike)',
      once,
      `${ack.retriedAnswers.size} keys answered more than once${differing.length ? `, ${differing.length} with different answers` : ''}; claims ${claims.rows}/${claims.keys} keys, applications ${apps.rows}/${apps.keys}, hour logs ${logs.rows}/${logs.keys}, consent events ${eventRows}/${events.keys}`,
    );

    const ids = ack.consentEvents.map((e) => e.id);
    const audit = ids.length === 0 ? [] : await rows<{ id: string; person_id: string; purpose: string; action: string }>(client, 'SELECT id, person_id, purpose, action FROM directory.consent_event WHERE id = ANY($1)', [ids]);
    const byId = new Map(audit.map((a) => [a.id, a]));
    const missing = ack.consentEvents.filter((e) => {
      const row = byId.get(e.id);
      return !row || row.person_id !== e.personId || row.purpose !== e.purpose || row.action !== e.action;
    });
    const stale = await rows<{ person_id: string; purpose: string }>(
      client,
      `SELECT c.person_id, c.purpose FROM directory.consent c LEFT JOIN directory.consent_event e ON e.id = c.event_id
        WHERE e.id IS NULL OR e.person_id <> c.person_id OR e.purpose <> c.purpose OR (e.action = 'GRANTED') <> c.granted`,
    );
    add(
      'consent audit log complete (each acknowledged change has its row; each current consent its event)',
      missing.length === 0 && stale.length === 0,
      `${ack.consentEvents.length} acknowledged changes${missing.length ? `, ${missing.length} without their audit row` : ', all logged'}${stale.length ? `; ${stale.length} consents not matching their event` : ''}`,
    );
    return results;
  } finally {
    await client.end();
  }
}
