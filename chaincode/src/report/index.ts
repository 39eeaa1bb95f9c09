import { dropLogsBelowLevelEarly } from '../shared/quietLogging';
import { ReportContract } from './reportContract';

export { ReportContract } from './reportContract';
// Before any transaction runs: see quietLogging.ts.
dropLogsBelowLevelEarly();
export const contracts = [ReportContract];
