import type { FunctionComponent } from 'preact';
import type { RangeId } from '../ranges';
import { AuditPage } from './audit';
import { BudgetsPage } from './budgets';
import { CostPage } from './cost';
import { JobsPage } from './jobs';
import { ModelsPage } from './models';
import { OverviewPage } from './overview';
import { QualityPage } from './quality';
import { UsagePage } from './usage';

export interface PageProps {
  range: RangeId;
  role: string;
}

export interface PageDef {
  id: string;
  label: string;
  /** The permission a role needs to see the page (GET /api/me lists the caller's). */
  permission: string;
  component: FunctionComponent<PageProps>;
}

/** The pages, in navigation order. */
export const pages: PageDef[] = [
  { id: 'overview', label: 'Overview', permission: 'usage', component: OverviewPage },
  { id: 'models', label: 'Models', permission: 'models', component: ModelsPage },
  { id: 'usage', label: 'Usage', permission: 'usage', component: UsagePage },
  { id: 'cost', label: 'Cost', permission: 'usage', component: CostPage },
  { id: 'budgets', label: 'Budgets', permission: 'usage', component: BudgetsPage },
  { id: 'quality', label: 'Quality', permission: 'usage', component: QualityPage },
  { id: 'jobs', label: 'Jobs', permission: 'jobs', component: JobsPage },
  { id: 'audit', label: 'Audit log', permission: 'audit', component: AuditPage },
];
