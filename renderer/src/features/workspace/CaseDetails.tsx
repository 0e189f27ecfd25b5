import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { AGENCY_TYPE_LABEL, STATUS_LABEL, formatDate } from '../cases/labels.ts';

export function CaseDetails({ caseRecord: c, documents }: { caseRecord: CaseRecord; documents: DocumentRecord[] }) {
  const pages = documents.reduce((n, d) => n + d.pageCount, 0);
  return (
    <div className="details">
      <h2>Case</h2>
      <dl>
        <dt>Agency</dt>
        <dd>{c.agencyName}</dd>
        <dt>ORI</dt>
        <dd className="mono">{c.ori}</dd>
        <dt>State</dt>
        <dd>{c.state}</dd>
        <dt>Agency type</dt>
        <dd>{c.agencyType ? AGENCY_TYPE_LABEL[c.agencyType] : 'Not recorded'}</dd>
        <dt>Jurisdiction</dt>
        <dd>{c.jurisdiction ? (c.jurisdiction === 'urban' ? 'Urban' : 'Rural') : 'Not recorded'}</dd>
        <dt>Status</dt>
        <dd>{STATUS_LABEL[c.status]}</dd>
        <dt>Review due</dt>
        <dd>{formatDate(c.dueDate)}</dd>
        <dt>Checklist</dt>
        <dd>
          {c.checklistPackId} v{c.checklistPackVersion}
        </dd>
        <dt>Policies</dt>
        <dd>
          {documents.length} {documents.length === 1 ? 'document' : 'documents'}, {pages} pages
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(c.createdAt)}</dd>
      </dl>
    </div>
  );
}
