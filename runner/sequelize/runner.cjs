#!/usr/bin/env node
// schemagate Sequelize runner: runs sequelize-cli style migrations against a scratch
// PostgreSQL database and reports every SQL statement with its call site.
// Protocol: one JSON command per line on stdin; exactly one JSON reply per command, in
// order, on fd 3 (stdout/stderr belong to the migrations' console.log and never carry
// protocol data). Every failure is a reply; the process only exits on quit/EOF.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { AsyncLocalStorage } = require('async_hooks');
const { pathToFileURL, fileURLToPath } = require('url');
const { performance } = require('perf_hooks');
const childProcess = require('child_process');
const nodeModule = require('module');

Error.stackTraceLimit = 64; // migration frames can sit below helpers + Sequelize layers
const SELF = __filename;
const als = new AsyncLocalStorage(); // holds the migration call site of the current query
let S = null; // loaded Sequelize class
let sequelize = null; // the one instance, created by init
let run = null; // collector of the run in progress (null between runs)
const cache = new Map(); // file -> {mod, loadEnv, loadCmds}; a file is run up, down, up
let loadSink = null; // collects env reads / commands made while a module loads

function reply(obj) {
  try { fs.writeSync(3, JSON.stringify(obj) + '\n'); } catch (e) {
    process.stderr.write(`schemagate runner: cannot write to fd 3: ${e.message}\n`);
    process.exit(2);
  }
}
const firstLine = (s) => String(s).split('\n')[0];

// ---- stack helpers -------------------------------------------------------------
// V8 frames look like "    at fn (/a/b.js:3:17)", "    at /a/b.js:3:17" or use file:// URLs.
function frames(stack) {
  const out = [];
  for (const l of String(stack || '').split('\n')) {
    const m = /^\s+at (?:.*?\()?((?:file:\/\/)?[^()]*?):(\d+):(\d+)\)?$/.exec(l);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) { try { file = fileURLToPath(file); } catch (_) { /* keep */ } }
    if (file.startsWith('async ')) file = file.slice(6);
    out.push({ file, line: +m[2], column: +m[3], async: /^\s+at async /.test(l) });
  }
  return out;
}
const isInternal = (f) => f.startsWith('node:') || !path.isAbsolute(f);
const isProject = (f) => !isInternal(f) && f !== SELF && !f.split(path.sep).includes('node_modules');
// syncOnly: "at async" frames point at an enclosing `await`, not at the call being made.
function siteIn(stack, names, syncOnly) {
  const f = frames(stack).find((x) => names.has(x.file) && !(syncOnly && x.async));
  return f ? { line: f.line, column: f.column } : null;
}
const migSite = (stack, syncOnly) => (run ? siteIn(stack, run.names, syncOnly) : null);

// Line/column of an up/down function: find its source text in the file (V8 keeps it verbatim).
function fnSite(file, fn) {
  try {
    const src = fs.readFileSync(file, 'utf8');
    const i = src.indexOf(Function.prototype.toString.call(fn));
    if (i >= 0) return posOf(src, i);
  } catch (_) { /* fall through */ }
  return { line: 1, column: 1 };
}
function posOf(src, i) {
  const before = src.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

// ---- process.env and child_process observation ----------------------------------
// The Proxy is installed before any migration loads. The direct reader is the first frame
// that is not this file: a read by node internals (e.g. spawn copying env) or by a package
// in node_modules is not the project's read.
function noteEnv(name) {
  const sink = run ? run.env : loadSink && loadSink.env;
  if (!sink || typeof name !== 'string') return;
  const fr = frames(new Error().stack).filter((x) => x.file !== SELF);
  if (!fr.length || !isProject(fr[0].file)) return;
  if (sink.some((e) => e.name === name)) return;
  const names = run ? run.names : loadSink.names;
  const s = siteIn(new Error().stack, names);
  const rec = { name, line: s ? s.line : null, column: s ? s.column : null };
  if (!s) rec.file = fr[0].file; // read by the project's own code outside the migration
  sink.push(rec);
}
const realEnv = process.env;
process.env = new Proxy(realEnv, {
  get(t, k) { noteEnv(k); return Reflect.get(t, k); },
  has(t, k) { noteEnv(k); return Reflect.has(t, k); },
});

const rawSpawnSync = childProcess.spawnSync; // for our own `node --check`, unrecorded
let cpDepth = 0; // exec() calls module.exports.execFile(): record only the outer call
for (const call of ['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
  const orig = childProcess[call];
  childProcess[call] = function (...args) {
    const sink = run ? run.cmds : loadSink && loadSink.cmds;
    if (sink && cpDepth === 0) {
      const st = new Error().stack;
      if (frames(st).some((f) => isProject(f.file))) {
        let command = String(args[0]);
        if (Array.isArray(args[1])) command = [command, ...args[1].map(String)].join(' ');
        const s = siteIn(st, run ? run.names : loadSink.names) || {};
        sink.push({ call, command, line: s.line == null ? null : s.line, column: s.column == null ? null : s.column });
      }
    }
    cpDepth++;
    try { return orig.apply(this, args); } finally { cpDepth--; }
  };
}
nodeModule.syncBuiltinESMExports(); // so `import { execSync } from 'child_process'` sees the wrappers

// ---- statement capture ---------------------------------------------------------
// Replace $n placeholders outside quoted strings/identifiers with escaped literals so the
// recorded SQL runs on its own.
function inlineBinds(sql, params) {
  if (!params || !params.length) return sql;
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') { // copy the quoted run verbatim ('' / "" escapes included)
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1); i = j; continue;
    }
    const m = c === '$' ? /^\$(\d+)/.exec(sql.slice(i)) : null;
    if (m && !/[\w$]/.test(sql[i - 1] || '') && +m[1] >= 1 && +m[1] <= params.length) {
      out += sequelize.escape(params[+m[1] - 1]); i += m[0].length - 1; continue;
    }
    out += c;
  }
  return out;
}

// Each transaction's commit/rollback gets its own call site (own-property wrappers keep the
// object identity Sequelize relies on).
const instrumented = new WeakSet();
function instrumentTx(t) {
  if (instrumented.has(t)) return;
  instrumented.add(t);
  for (const m of ['commit', 'rollback']) {
    const orig = t[m];
    if (typeof orig === 'function') t[m] = function (...a) { return withSite(new Error().stack, () => orig.apply(t, a)); };
  }
}

function capture(sql, params, options) {
  options = options || {};
  const tx = options.transaction || null;
  if (tx) instrumentTx(tx);
  if (!run) return;
  const site = als.getStore() || migSite(new Error().stack) || run.fallback;
  let outside = null;
  if (!tx) { // forgot { transaction: t }: the migration has a started, unfinished transaction
    const open = run.txs.filter((x) => !x.t.finished);
    if (open.length) outside = { ...open[open.length - 1].site };
  } else if (/^\s*START TRANSACTION/i.test(sql) && !run.txs.some((x) => x.t === tx)) {
    run.txs.push({ t: tx, site });
  }
  run.stmts.push({ sql: inlineBinds(sql, params), line: site.line, column: site.column,
    transaction: tx ? tx.id || null : null, outside_transaction: outside, _raw: sql });
}

// Run fn with the caller's migration-file site in the ALS store. A call that does not come
// from the migration (no synchronous frame in it, e.g. Sequelize's own auto-commit after an
// await) keeps the outer site.
function withSite(stack, fn) {
  const s = migSite(stack, true);
  return s ? als.run(s, fn) : fn();
}

// Proxy that records the migration call site for every method call; maps returned
// raw objects back to their proxies so the migration never escapes instrumentation.
const proxies = new WeakMap();
function instrument(obj) {
  if (proxies.has(obj)) return proxies.get(obj);
  const fnCache = new Map();
  const p = new Proxy(obj, {
    get(t, k) {
      const v = Reflect.get(t, k, t);
      if (v === sequelize || (sequelize && v === sequelize.queryInterface)) return instrument(v);
      if (typeof v !== 'function' || k === 'constructor') return v;
      if (!fnCache.has(k) || fnCache.get(k).orig !== v) {
        const w = function (...args) {
          const r = withSite(new Error().stack, () => v.apply(t, args));
          return r === sequelize || (sequelize && r === sequelize.queryInterface) ? instrument(r) : r;
        };
        fnCache.set(k, { orig: v, w });
      }
      return fnCache.get(k).w;
    },
  });
  proxies.set(obj, p);
  return p;
}

// ---- commands ------------------------------------------------------------------
function pkgDir(file, name) {
  for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) {
    try { if (JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name === name) return d; } catch (_) { /* up */ }
  }
  return path.dirname(file);
}
function load(name, paths) {
  let lastErr = null;
  for (const p of [...paths, __dirname]) { // the project's copy first, then shipped, then ours
    try {
      const f = require.resolve(name, { paths: [p] });
      const dir = pkgDir(f, name);
      return { mod: require(f), dir, version: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version };
    } catch (e) { lastErr = e; }
  }
  throw lastErr || new Error(`${name} not found`);
}

async function init(cmd) {
  let seq, pg;
  try { seq = load('sequelize', cmd.module_paths || []); } catch (e) { return fail('cannot load sequelize', e); }
  try { pg = load('pg', cmd.module_paths || []); } catch (e) { return fail('cannot load pg', e); }
  try {
    S = seq.mod.Sequelize || seq.mod;
    const c = cmd.connection || {};
    sequelize = new S(c.database, c.user, c.password, {
      host: c.host, port: c.port, dialect: 'postgres', dialectModule: pg.mod, benchmark: false,
      // Fallback capture only: the _logQuery patch below also sees queries run with logging:false.
      logging: (msg, opts) => { if (!patched) capture(String(msg).replace(/^Executing \([^)]*\): /, ''), opts && Array.isArray(opts.bind) ? opts.bind : null, opts); },
      dialectOptions: { statement_timeout: cmd.statement_timeout_ms, lock_timeout: cmd.lock_timeout_ms, application_name: cmd.application_name },
    });
    const Q = sequelize.dialect && sequelize.dialect.Query;
    const origLog = Q && Q.prototype._logQuery;
    if (typeof origLog === 'function') { // exact SQL + bind array, before execution
      Q.prototype._logQuery = function (sql, dbg, params) { capture(sql, Array.isArray(params) ? params : null, this.options); return origLog.apply(this, arguments); };
      patched = true;
    }
    await sequelize.authenticate({ logging: false });
  } catch (e) { return fail('cannot connect to database', e); }
  return { ok: true, sequelize_version: seq.version, sequelize_path: seq.dir, pg_version: pg.version };
  function fail(what, e) { return { ok: false, error: { kind: 'setup', message: `${what}: ${firstLine(e && e.message)}` } }; }
}
let patched = false;

// Position of a load error: SyntaxError stacks start with "/abs/file.js:LINE" + source + carets.
function loadError(e, file, names) {
  const msg = firstLine(e && e.message);
  const st = String(e && e.stack || '');
  let head = st.split('\n');
  if (e && e.name === 'SyntaxError' && !/:\d+$/.test(head[0])) {
    // import() SyntaxErrors carry no position; `node --check` prints the same header a CJS one has.
    try { head = String(rawSpawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10000 }).stderr || '').split('\n'); } catch (_) { /* none */ }
  }
  const m = /^(.*):(\d+)$/.exec(head[0]);
  if (m && names.has(m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1])) {
    const caret = (head[2] || '').indexOf('^');
    return { kind: 'load', message: `${(e && e.name) || 'Error'}: ${msg}`, line: +m[2], column: caret >= 0 ? caret + 1 : 1 };
  }
  let s = siteIn(st, names);
  const code = e && e.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    const spec = (/Cannot find (?:module|package) '([^']+)'/.exec(msg) || [])[1];
    if (!s && spec) { // ESM resolution errors carry no frame: find the specifier in the source
      try {
        const src = fs.readFileSync(file, 'utf8');
        const i = [`'${spec}'`, `"${spec}"`, `\`${spec}\``].map((q) => src.indexOf(q)).filter((x) => x >= 0).sort((a, b) => a - b)[0];
        if (i !== undefined) s = posOf(src, i);
      } catch (_) { /* no source */ }
    }
    const at = s ? ` (required at line ${s.line})` : '';
    return { kind: 'load', message: `${msg}${at}`, line: s ? s.line : 1, column: s ? s.column : 1 };
  }
  return { kind: 'load', message: `${(e && e.name) || 'Error'}: ${msg}`, line: s ? s.line : 1, column: s ? s.column : 1 };
}

async function loadMigration(file, names) {
  if (cache.has(file)) return cache.get(file);
  loadSink = { env: [], cmds: [], names };
  try {
    let mod;
    if (/\.mjs$/i.test(file)) mod = await import(pathToFileURL(file).href);
    else {
      try { mod = require(file); } catch (e) {
        if (!e || !/^ERR_REQUIRE_(ESM|ASYNC_MODULE)$/.test(e.code)) throw e;
        mod = await import(pathToFileURL(file).href);
      }
    }
    const entry = { mod, loadEnv: loadSink.env, loadCmds: loadSink.cmds };
    cache.set(file, entry);
    return entry;
  } finally { loadSink = null; }
}

// A migration may throw, reject, or blow up asynchronously; the latter ends the run too.
let asyncFail = null;
const onAsync = (e) => { if (asyncFail) asyncFail(e); else process.stderr.write(`schemagate runner: stray error: ${e && e.stack || e}\n`); };
process.on('unhandledRejection', onAsync);
process.on('uncaughtException', onAsync);

async function runMigration(cmd) {
  const t0 = performance.now();
  const file = path.resolve(String(cmd.file));
  const names = new Set([file]);
  try { names.add(fs.realpathSync(file)); } catch (_) { /* missing: load error below */ }
  const r = run = { names, stmts: [], env: [], cmds: [], txs: [], fallback: { line: 1, column: 1 } };
  const finish = (extra) => {
    run = null; asyncFail = null;
    const out = { ...extra, statements: r.stmts.map(({ _raw, ...s }) => s), ms: Math.round((performance.now() - t0) * 10) / 10, env_reads: r.env, commands: r.cmds };
    // A transaction left open would hold locks into the next run (down after up): roll it back.
    for (const x of r.txs) if (!x.t.finished) x.t.rollback().catch(() => {});
    return out;
  };
  let entry;
  try {
    if (!sequelize) throw new Error('init was not sent');
    entry = await loadMigration(file, names);
  } catch (e) { return finish({ ok: false, error: loadError(e, file, names) }); }
  for (const e of entry.loadEnv) if (!r.env.some((x) => x.name === e.name)) r.env.push(e);
  r.cmds.push(...entry.loadCmds);
  let m = entry.mod;
  for (let i = 0; i < 2 && m && typeof m.up !== 'function' && typeof m.down !== 'function' && m.default; i++) m = m.default;
  const dir = cmd.direction === 'down' ? 'down' : 'up';
  if (!m || typeof m[dir] !== 'function') return finish({ ok: false, error: { kind: 'shape', message: `exports no ${dir} function`, line: 1, column: 1 } });
  r.fallback = fnSite(file, m[dir]);
  try {
    const failed = new Promise((_, rej) => { asyncFail = rej; });
    // Same call as umzug/sequelize-cli: migration[dir].apply(migration, [queryInterface, Sequelize])
    await Promise.race([Promise.resolve().then(() => m[dir].call(m, instrument(sequelize.getQueryInterface()), S)), failed]);
    return finish({ ok: true });
  } catch (e) { return finish({ ok: false, error: runError(e, r) }); }
}

function runError(e, r) {
  const orig = e && (e.original || e.parent);
  if (orig && typeof orig.code === 'string' && /^[0-9A-Z]{5}$/.test(orig.code)) {
    // Failing call site: the statement that failed (matched by its SQL), else the error's frames.
    const st = [...r.stmts].reverse().find((x) => e.sql && x._raw === e.sql) || r.stmts[r.stmts.length - 1];
    const s = st || siteIn(e.stack, r.names) || r.fallback;
    return { kind: 'sql', message: firstLine(orig.message), sqlstate: orig.code, line: s.line, column: s.column };
  }
  const s = (e && siteIn(e.stack, r.names)) || r.fallback;
  const message = e instanceof Error || (e && e.message) ? `${e.name || 'Error'}: ${firstLine(e.message)}` : firstLine(String(e));
  return { kind: 'throw', message, line: s.line, column: s.column };
}

async function quit(sendReply) {
  // close() drains the pool and would wait forever on a connection a hung migration holds.
  if (sequelize) await Promise.race([sequelize.close().catch(() => {}), new Promise((res) => setTimeout(res, 3000))]);
  if (sendReply) reply({ ok: true });
  process.exit(0);
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) { // commands are handled strictly one at a time, in order
    if (!line.trim()) continue;
    let cmd;
    try { cmd = JSON.parse(line); } catch (e) { reply({ ok: false, error: { kind: 'protocol', message: `bad JSON: ${e.message}` } }); continue; }
    try {
      if (cmd.op === 'init') reply(await init(cmd));
      else if (cmd.op === 'run') reply(await runMigration(cmd));
      else if (cmd.op === 'quit') return quit(true);
      else reply({ ok: false, error: { kind: 'protocol', message: `unknown op ${JSON.stringify(cmd.op)}` } });
    } catch (e) { reply({ ok: false, error: { kind: 'internal', message: firstLine(e && e.stack || e) } }); }
  }
  return quit(false); // EOF
}
main();
