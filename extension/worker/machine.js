// Runs the reducer: one event at a time (a queue, because effects are async
// and the next event must see the state the previous one left), persisting
// the state before carrying out the effects, so a worker killed mid-effect
// restarts from a state that already knows what it was doing.

export function createMachine({ store, reduce, context, runEffect, onState = () => {}, log = () => {} }) {
  let state = null;
  let queue = Promise.resolve();
  const ready = store.load().then((loaded) => {
    state = loaded;
    onState(state);
  });

  function dispatch(event) {
    const run = queue.then(async () => {
      await ready;
      const { state: next, effects } = reduce(state, event, context());
      state = next;
      await store.save(state);
      onState(state);
      for (const effect of effects) {
        try {
          await runEffect(effect);
        } catch (error) {
          log(`effect ${effect.type} failed: ${error?.message ?? error}`);
        }
      }
    });
    queue = run.catch((error) => log(`event ${event?.type} failed: ${error?.message ?? error}`));
    return queue;
  }

  return {
    dispatch,
    ready,
    /** Resolves when every event dispatched so far has been handled. */
    settled: () => queue,
    get state() {
      return state;
    },
  };
}
