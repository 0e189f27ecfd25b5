// The rule set of PREREVIEW.md, one file per rule. RULES_VERSION changes whenever any rule's
// reading changes, so a stored result says which reading produced it.
import type { RuleDef, RuleId } from '../types.ts';
import { rule as chokehold } from './chokehold.ts';
import { rule as vascular } from './vascular.ts';
import { rule as deEscalation } from './de-escalation.ts';
import { rule as dutyToIntervene } from './duty-to-intervene.ts';
import { rule as warningBeforeDeadlyForce } from './warning-before-deadly-force.ts';
import { rule as movingVehicles } from './moving-vehicles.ts';
import { rule as warningShots } from './warning-shots.ts';
import { rule as medicalAid } from './medical-aid.ts';
import { rule as forceEndsUnderControl } from './force-ends-under-control.ts';
import { rule as exhaustAlternatives } from './exhaust-alternatives.ts';
import { rule as comprehensiveReporting } from './comprehensive-reporting.ts';
import { rule as forceContinuum } from './force-continuum.ts';
import { rule as noKnockWarrants } from './no-knock-warrants.ts';
import { rule as earlyIntervention } from './early-intervention.ts';

export const RULES_VERSION = 'prereview-rules/2026-11-28.2';

export const RULES: Record<RuleId, RuleDef> = {
  chokehold,
  vascular,
  'de-escalation': deEscalation,
  'duty-to-intervene': dutyToIntervene,
  'warning-before-deadly-force': warningBeforeDeadlyForce,
  'moving-vehicles': movingVehicles,
  'warning-shots': warningShots,
  'medical-aid': medicalAid,
  'force-ends-under-control': forceEndsUnderControl,
  'exhaust-alternatives': exhaustAlternatives,
  'comprehensive-reporting': comprehensiveReporting,
  'force-continuum': forceContinuum,
  'no-knock-warrants': noKnockWarrants,
  'early-intervention': earlyIntervention,
};
