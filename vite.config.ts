import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error plain ESM helper without types
import { connectContractServers } from './test/servers/index.mjs';

/** Serves the contract servers (test/servers/*) under /mock/<backend>/ during `npm start`. */
function contractServers(): Plugin {
  return {
    name: 'careslot-contract-servers',
    async configureServer(server) {
      server.middlewares.use(await connectContractServers());
      // The demo clinic site lives in demo/; send the bare origin there.
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/' && req.url !== '/index.html') return next();
        res.writeHead(302, { Location: '/demo/' });
        res.end();
      });
    },
  };
}

export default defineConfig(({ command }) =>
  command === 'serve'
    ? {
        // `npm start`: the demo clinic site in demo/, against the source.
        server: { host: '127.0.0.1', port: 5173 },
        plugins: [contractServers()],
      }
    : {
        // `npm run build`: dist/careslot.js registers every element; each backend is a lazy chunk beside it.
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
          lib: { entry: 'src/careslot.ts', formats: ['es'], fileName: () => 'careslot.js' },
          rolldownOptions: {
            output: {
              chunkFileNames: 'chunks/[name]-[hash].js',
              minify: true,
              comments: false,
            },
          },
        },
      },
);
