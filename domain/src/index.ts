// @pediledger/domain: PediLedger's domain written once, process-neutral (no Fabric, Node, Electron or DOM imports).
// Loaded unchanged by the chaincode (its CommonJS build, dist/cjs), plain Node 24 (these sources, type stripping),
// Vite/Vitest and vue-tsc; see ../README.md.
export * from './schemas/index.ts';
export * from './identityRules.ts';
export * from './endorsement.ts';
export * from './errorCodes.ts';
