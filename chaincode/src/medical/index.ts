import { dropLogsBelowLevelEarly } from '../shared/quietLogging';
import { MedicalContract } from './medicalContract';

export { MedicalContract } from './medicalContract';
// Before any transaction runs: see quietLogging.ts.
dropLogsBelowLevelEarly();
export const contracts = [MedicalContract];
