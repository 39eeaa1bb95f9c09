// The domain schemas (zod): every argument and record of the chaincode, validated the same way by main and the renderer.
export * from './primitives.ts';
export * from './child.ts';
export * from './agreement.ts';
export * from './medicalCard.ts';
export * from './admission.ts';
export * from './reportRequest.ts';
export * from './report.ts';
export * from './directory.ts';
export * from './notice.ts';
export * from './issues.ts';
export * from './immunizationSchedule.ts';
export * from './timeline.ts';
export * from './reportStaleness.ts';
