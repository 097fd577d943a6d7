import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);
var e=["critical","high","medium","low","info"],t={info:0,low:1,medium:2,high:3,critical:4};export{e as a,t as b};
