// The audit trail as a timeline in plain sentences, filterable by person and kind, with the
// chain's verdict. The raw action stays beside each sentence for whoever checks the trail.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { personName } from '../../../../shared/domain/history-wording.ts';
import { call, messageOf } from '../../api/client.ts';
import { IconCheck, IconWarning } from '../../ui/icons.tsx';

export function HistoryPanel({ caseId, version }: { caseId: string; version: number }) {
  const [entries, setEntries] = useState<Output<'audit.history'> | null>(null);
  const [check, setCheck] = useState<Output<'audit.verify'> | null>(null);
  const [person, setPerson] = useState('');
  const [kind, setKind] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([call('audit.history', { caseId }), call('audit.verify', { caseId })])
      .then(([e, v]) => (setEntries(e), setCheck(v)))
      .catch((e) => setError(messageOf(e)));
  }, [caseId, version]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!entries) return <p className="subtle">Loading the history…</p>;
  const people = [...new Set(entries.map((e) => e.actor))];
  const kinds = [...new Set(entries.map((e) => e.entity))];
  const shown = entries.filter((e) => (!person || e.actor === person) && (!kind || e.entity === kind)).reverse();
  return (
    <div className="history">
      {check && (
        <p className={check.ok ? 'chip' : 'chip warn'}>
          {check.ok ? <IconCheck /> : <IconWarning />} {check.ok ? `Audit trail intact (${check.entries} entries)` : `Audit trail broken: ${check.problem}`}
        </p>
      )}
      <div className="row">
        <label>
          Person{' '}
          <select value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p} value={p}>
                {personName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">All</option>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <ol className="timeline" aria-label="Audit trail">
        {shown.map((e) => (
          <li key={e.seq}>
            <span className="sentence">{e.sentence}</span>
            <br />
            <time dateTime={e.at} className="subtle">
              {e.at.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}
            </time>{' '}
            <code className="subtle" title={`${e.actor} — ${e.entity} ${e.entityId}`}>
              {e.action}
            </code>
          </li>
        ))}
      </ol>
    </div>
  );
}
