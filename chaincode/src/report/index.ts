import { ReportContract } from './reportContract';

export { ReportContract } from './reportContract';
export const contracts = [ReportContract];
