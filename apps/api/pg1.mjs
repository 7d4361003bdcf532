import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const a = new PGlite(); await a.waitReady; console.log('memory create', performance.now()-t);
t=performance.now(); const b = await a.clone(); console.log('clone', performance.now()-t);
t=performance.now(); const c = new PGlite(); await c.waitReady; console.log('memory create 2', performance.now()-t);
t=performance.now(); const d = await a.dumpDataDir('none'); console.log('dump', performance.now()-t, d.size);
t=performance.now(); const e = new PGlite({loadDataDir: d}); await e.waitReady; console.log('load', performance.now()-t);
