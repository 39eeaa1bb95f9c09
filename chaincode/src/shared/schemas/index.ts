// The shared schemas, importable by the desktop app without pulling in Fabric.
export * from './primitives';
export * from './child';
export * from './agreement';
export * from './medicalCard';
export * from './admission';
export * from './reportRequest';
export * from './report';
export * from './directory';
export * from './notice';
export * from './issues';
export * from './immunizationSchedule';
export * from './timeline';
export * from './reportStaleness';
