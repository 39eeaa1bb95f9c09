// Lets plain Node (24, type stripping) load the chaincode's shared schemas, which are written for the chaincode's
// CommonJS build (extensionless relative imports) but use ESM syntax. Bundled code (electron-vite) and vitest do
// not need this; scripts run with `node` that import the workflow do: `node --import ./electron/bench/chaincodeSchemaHooks.ts`.
import { registerHooks } from 'node:module';

const CHAINCODE_SOURCE = new URL('../../chaincode/src/', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromChaincode = context.parentURL?.startsWith(CHAINCODE_SOURCE) === true;
    if (fromChaincode && specifier.startsWith('.') && !/\.[cm]?[jt]s$/.test(specifier)) {
      return nextResolve(`${specifier}.ts`, context);
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.startsWith(CHAINCODE_SOURCE) && url.endsWith('.ts')) {
      return nextLoad(url, { ...context, format: 'module-typescript' });
    }
    return nextLoad(url, context);
  },
});
