import { MedicalContract } from './medicalContract';

export { MedicalContract } from './medicalContract';
export const contracts = [MedicalContract];
