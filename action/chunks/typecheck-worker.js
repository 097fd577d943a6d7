import '../typecheck-worker.js';
