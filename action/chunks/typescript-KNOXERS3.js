import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);
import{a}from"./chunk-Z2DG6HXE.js";import"./chunk-WOXCMTK2.js";import"./chunk-S2WC2OFV.js";export default a();
