package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.bootstrap.TaskHooks;
import dev.llmcost.testapp.TwoPlaces;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls made inside executor tasks, driven through the hooks the FutureTask advice calls (the
 * advice itself runs in the it-tests' JVMs): the task's future decides what became of them.
 */
class TaskFuturesTest {
  private static final int NORMAL = 2;
  private static final String PATH = "/v1/chat/completions";
  private static final byte[] REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANSWER = ("{\"id\":\"c1\",\"model\":\"gpt-4o-mini\","
      + "\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"hello\"}}],"
      + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}}").getBytes(StandardCharsets.UTF_8);

  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final CallTracker tracker = new CallTracker(Endpoints.defaults(), settled::add,
      new CallSites(), new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of()),
      Guards.OFF, null, new TrackingSwitch());

  @BeforeEach
  void installHooks() {
    TaskHooks.install(tracker.taskFutures());
  }

  @AfterEach
  void uninstallHooks() {
    TaskHooks.install(null);
    TaskHooks.setWatching(false);
  }

  /** Runs {@code task} as FutureTask.run does under the advice, making one LLM call inside it, whose answer the task reads. */
  private void runWithCall(FutureTask<?> task, Callable<?> callable, Object outcome) throws Exception {
    runWithCall(task, callable, NORMAL, outcome);
  }

  /** As supplyAsync's task runs under the advice: the future and the supplier. */
  private void runWithCall(CompletableFuture<?> future, Supplier<?> supplier) throws Exception {
    runWithCall(future, supplier, -1, null);
  }

  private void runWithCall(Object task, Object callable, int state, Object outcome) throws Exception {
    runWithCall(task, callable, state, outcome, TwoPlaces::summarize);
  }

  /** @param place the application method the call is made from, which names its call site */
  private void runWithCall(Object task, Object callable, int state, Object outcome,
      ThrowingConsumer<TwoPlaces.Call> place) throws Exception {
    Object token = TaskHooks.runs(task, callable);
    try {
      place.accept(() -> call());
    } finally {
      TaskHooks.ran(token, task, state, outcome);
    }
  }

  private interface ThrowingConsumer<T> {
    void accept(T value) throws Exception;
  }

  private void call() throws Exception {
    LlmCall call = tracker.start(tracker.match("POST", "https", "api.openai.com", 443, PATH),
        "api.openai.com", 443, PATH, REQUEST, true);
    call.onResponseHeaders(200, tracker.newParser(call, "application/json", null));
    call.onBytes(ByteBuffer.wrap(ANSWER));
    call.onComplete();
    call.markConsumed(); // the task read the response
  }

  private List<Outcome> outcomes() {
    return settled.stream().map(CallRecord::outcome).toList();
  }

  @Test
  void aCallInsideATaskWaitsForTheTasksFutureToBeRead() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> task = new FutureTask<>(callable);
    runWithCall(task, callable, "answer");
    assertEquals(List.of(), outcomes(), "the task read the response; its future decides");

    TaskHooks.got(task, null);
    assertEquals(List.of(Outcome.CONSUMED), outcomes());
    assertEquals(0, tracker.taskFutures().waiting());
  }

  @Test
  void aFutureCollectedUnreadIsAbandonedOnceAFutureOfTheSameKindOfTaskWasRead() throws Exception {
    Callable<String> callable = () -> "answer"; // one lambda submitted in a loop: one class
    FutureTask<String> read = new FutureTask<>(callable);
    FutureTask<String> dropped = new FutureTask<>(callable);
    runWithCall(read, callable, "answer");
    runWithCall(dropped, callable, "answer");
    read.run();
    dropped.run(); // done, as the pool left them

    TaskHooks.got(read, new ExecutionException(new IllegalStateException())); // its failure, handed over
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
  }

  /**
   * One callable class can stand for many kinds of task (Spring's {@code @Async} wraps every
   * method in one lambda): reading the futures of tasks calling from one place says nothing of
   * those calling from another.
   */
  @Test
  void aReadKindIsTheCallableClassAndTheCallsSite() throws Exception {
    Callable<String> callable = () -> "answer"; // one framework lambda for every method
    FutureTask<String> summary = new FutureTask<>(callable);
    FutureTask<String> otherSummary = new FutureTask<>(callable);
    FutureTask<String> translation = new FutureTask<>(callable);
    runWithCall(summary, callable, NORMAL, "answer", TwoPlaces::summarize);
    runWithCall(otherSummary, callable, NORMAL, "answer", TwoPlaces::summarize);
    runWithCall(translation, callable, NORMAL, "answer", TwoPlaces::translate);
    for (FutureTask<String> task : List.of(summary, otherSummary, translation)) {
      task.run();
    }

    TaskHooks.got(summary, null);
    tracker.taskFutures().decideAtExit();
    Map<String, Outcome> bySite = settled.stream().skip(1).collect(Collectors.toMap(
        r -> r.callSite().function(), CallRecord::outcome));
    assertEquals(Map.of(TwoPlaces.class.getName() + ".summarize", Outcome.ABANDONED,
        TwoPlaces.class.getName() + ".translate", Outcome.CONSUMED), bySite,
        "summaries are read through their futures, translations never were");
  }

  /** Nothing of the agent's keeps a task reachable: dropped, it is collected and judged. */
  @Test
  void aFutureDroppedByTheApplicationIsCollectedAndItsCallAbandoned() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> read = new FutureTask<>(callable);
    runWithCall(read, callable, "answer");
    TaskHooks.got(read, null);
    runWithCall(new FutureTask<>(callable), callable, "answer"); // dropped at once

    for (int i = 0; i < 100 && settled.size() < 2; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(List.of(Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
    assertEquals(0, tracker.taskFutures().waiting());
  }

  @Test
  void tasksWhoseFuturesNobodyReadsUsedTheirAnswersThemselves() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> forgotten = new FutureTask<>(callable);
    runWithCall(forgotten, callable, "answer");
    forgotten.run();

    TaskHooks.got(forgotten, new TimeoutException()); // a wait that gave up reads nothing
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED), outcomes());
  }

  /**
   * A task of a kind whose futures are never read, ended and unread for the delay, is consumed
   * while the application still holds its future (no collection needed); a task of a kind that
   * is read, or one still running, keeps waiting for its future's fate.
   */
  @Test
  void aTaskOfAKindNeverReadIsConsumedSomeSecondsAfterItEnded() throws Exception {
    long second = 1_000_000_000L;
    Callable<String> forgottenKind = () -> "answer";
    Callable<String> readKind = () -> "answer";
    FutureTask<String> forgotten = new FutureTask<>(forgottenKind);
    FutureTask<String> stillRunning = new FutureTask<>(forgottenKind);
    FutureTask<String> read = new FutureTask<>(readKind);
    FutureTask<String> heldUnread = new FutureTask<>(readKind);
    runWithCall(forgotten, forgottenKind, "answer");
    runWithCall(stillRunning, forgottenKind, "answer"); // not run for real: not done
    runWithCall(read, readKind, NORMAL, "answer", TwoPlaces::translate);
    runWithCall(heldUnread, readKind, NORMAL, "answer", TwoPlaces::translate);
    for (FutureTask<String> task : List.of(forgotten, read, heldUnread)) {
      task.run();
    }
    TaskHooks.got(read, null);
    assertEquals(List.of(Outcome.CONSUMED), outcomes());

    TaskFutures futures = tracker.taskFutures();
    futures.decideFireAndForget(100 * second, 10 * second); // first seen ended now
    futures.decideFireAndForget(109 * second, 10 * second);
    assertEquals(List.of(Outcome.CONSUMED), outcomes(), "not yet ten seconds");
    futures.decideFireAndForget(110 * second, 10 * second);
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED), outcomes());
    assertEquals(2, futures.waiting(), "the running task and the read kind's unread one wait");

    futures.decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
    assertTrue(forgotten.isDone() && heldUnread.isDone()); // held to the end: no collection decided
  }

  /** The first burst of a kind: a read of its kind before the delay is up makes the rest wait. */
  @Test
  void aReadOfItsKindBeforeTheDelayIsUpKeepsAnEndedTaskWaiting() throws Exception {
    long second = 1_000_000_000L;
    Callable<String> callable = () -> "answer";
    FutureTask<String> readLate = new FutureTask<>(callable);
    FutureTask<String> dropped = new FutureTask<>(callable);
    runWithCall(readLate, callable, "answer");
    runWithCall(dropped, callable, "answer");
    readLate.run();
    dropped.run();

    TaskFutures futures = tracker.taskFutures();
    futures.decideFireAndForget(100 * second, 10 * second);
    TaskHooks.got(readLate, null);
    futures.decideFireAndForget(200 * second, 10 * second);
    assertEquals(List.of(Outcome.CONSUMED), outcomes(), "only the read one");
    futures.decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
  }

  @Test
  void aTaskStillRunningAtExitIsLeftToTheExit() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> read = new FutureTask<>(callable);
    FutureTask<String> running = new FutureTask<>(callable);
    runWithCall(read, callable, "answer");
    TaskHooks.got(read, null);
    runWithCall(running, callable, "answer"); // never run for real: not done

    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED), outcomes());
    assertEquals(1, tracker.taskFutures().waiting());
  }

  @Test
  void aTaskWithANullResultOrAWrappedRunnableHasNothingToRead() throws Exception {
    Callable<Object> returnsNull = () -> null;
    FutureTask<Object> nothing = new FutureTask<>(returnsNull);
    runWithCall(nothing, returnsNull, null);
    Callable<Object> wrapped = Executors.callable(() -> { });
    runWithCall(new FutureTask<>(wrapped), wrapped, null);

    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED), outcomes());
    assertEquals(0, tracker.taskFutures().waiting());
  }

  /** invokeAll waits for each task with get: that is not the application reading the result. */
  @Test
  void invokeAllsOwnWaitsReadNothing() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> task = new FutureTask<>(callable);
    runWithCall(task, callable, "answer");
    Object token = TaskHooks.invokingAll();
    try {
      TaskHooks.got(task, null); // invokeAll's own get
    } finally {
      TaskHooks.invokedAll(token);
    }
    assertEquals(List.of(), outcomes());
    TaskHooks.got(task, null); // the application's
    assertEquals(List.of(Outcome.CONSUMED), outcomes());
  }

  @Test
  void aCancelledTasksCallsAreCancelled() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> task = new FutureTask<>(callable);
    runWithCall(task, callable, "answer");

    TaskHooks.cancelled(task, false); // too late to cancel: nothing changes
    assertEquals(List.of(), outcomes());
    TaskHooks.cancelled(task, true);
    assertEquals(List.of(Outcome.CANCELLED), outcomes());
  }

  /**
   * {@code supplyAsync}: the future is the CompletableFuture the application holds; join's
   * failure is a read, a stage attached to it (thenAccept, ...) is one too, a cancelled wait is not.
   */
  @Test
  void aSupplyAsyncFutureIsReadByJoinOrByAStageAttachedToIt() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> joined = new CompletableFuture<>();
    CompletableFuture<String> withStage = new CompletableFuture<>();
    CompletableFuture<String> dropped = new CompletableFuture<>();
    for (CompletableFuture<String> future : List.of(joined, withStage, dropped)) {
      runWithCall(future, supplier);
      future.complete("answer");
    }

    TaskHooks.got(joined, new CancellationException()); // nothing handed over
    assertEquals(List.of(), outcomes());
    TaskHooks.got(joined, new CompletionException(new IllegalStateException())); // its failure
    TaskHooks.got(withStage, null);
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
  }

  /**
   * {@code supplyAsync(...).thenApply(...)}: a stage that transforms the result carries it on.
   * Reading that stage reads the result; the future and its stage both dropped unread abandon it.
   */
  @Test
  void aStageThatTransformsTheResultCarriesItOn() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> readThroughStage = new CompletableFuture<>();
    CompletableFuture<String> dropped = new CompletableFuture<>();
    for (CompletableFuture<String> future : List.of(readThroughStage, dropped)) {
      runWithCall(future, supplier);
      future.complete("answer");
    }
    CompletableFuture<Integer> length = readThroughStage.thenApply(String::length);
    TaskHooks.passedOn(readThroughStage, length); // as the advice on uniApplyStage does
    CompletableFuture<Integer> droppedLength = dropped.thenApply(String::length);
    TaskHooks.passedOn(dropped, droppedLength);
    assertEquals(List.of(), outcomes(), "attaching a transforming stage reads nothing");

    TaskHooks.got(length, null);
    assertEquals(List.of(Outcome.CONSUMED), outcomes());
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
    assertEquals(0, tracker.taskFutures().waiting());
  }

  /** The result waits while any future that carries it is reachable, and no longer. */
  @Test
  void aResultIsAbandonedOnlyWhenTheFutureAndItsStagesAreAllCollected() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> read = new CompletableFuture<>();
    runWithCall(read, supplier);
    TaskHooks.got(read, null); // such futures are read
    CompletableFuture<String> future = new CompletableFuture<>();
    runWithCall(future, supplier);
    future.complete("answer");
    CompletableFuture<String> kept = future.handle((answer, failure) -> answer);
    TaskHooks.passedOn(future, kept);
    future = null; // the application keeps only the stage

    collectUntil(2);
    assertEquals(List.of(Outcome.CONSUMED), outcomes(), "the stage still carries the result");
    assertEquals("answer", kept.join());
    kept = null;
    collectUntil(2);
    assertEquals(List.of(Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
  }

  /**
   * Stages are attached right after supplyAsync, before the supplier runs: once a supplier of a
   * kind made an LLM call, its futures are followed from their creation and those stages seen.
   */
  @Test
  void aSuppliersFutureIsFollowedFromItsCreationOnceItsKindMadeACall() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> first = new CompletableFuture<>();
    runWithCall(first, supplier); // the kind makes LLM calls
    TaskHooks.got(first, null); // and its futures are read

    CompletableFuture<String> read = new CompletableFuture<>();
    CompletableFuture<String> dropped = new CompletableFuture<>();
    List<CompletableFuture<Integer>> stages = new java.util.ArrayList<>();
    for (CompletableFuture<String> future : List.of(read, dropped)) {
      TaskHooks.supplied(future, supplier); // as the advice on AsyncSupply's constructor does
      CompletableFuture<Integer> stage = future.thenApply(String::length);
      TaskHooks.passedOn(future, stage);
      stages.add(stage);
    }
    for (CompletableFuture<String> future : List.of(read, dropped)) {
      runWithCall(future, supplier);
      future.complete("answer");
    }
    TaskHooks.got(stages.get(0), null);
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED, Outcome.ABANDONED), outcomes());
  }

  /**
   * A future read before its task made a call (an action attached to a supplier's future) says
   * nothing of where its kind's calls come from, nor does one whose task made none.
   */
  @Test
  void aReadBeforeTheTasksCallSaysNothingOfItsKind() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> first = new CompletableFuture<>();
    runWithCall(first, supplier); // the kind makes LLM calls: its futures are followed from now
    TaskHooks.got(first, new java.util.concurrent.CancellationException()); // not a read
    CompletableFuture<String> withAction = new CompletableFuture<>();
    CompletableFuture<String> noCall = new CompletableFuture<>();
    CompletableFuture<String> dropped = new CompletableFuture<>();
    for (CompletableFuture<String> future : List.of(withAction, noCall, dropped)) {
      TaskHooks.supplied(future, supplier);
    }
    TaskHooks.got(withAction, null); // thenAccept, attached at once
    TaskHooks.got(noCall, null); // its supplier made no call this time
    runWithCall(withAction, supplier);
    runWithCall(dropped, supplier);
    for (CompletableFuture<String> future : List.of(first, withAction, noCall, dropped)) {
      future.complete("answer");
    }
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED, Outcome.CONSUMED), outcomes(),
        "no future of the kind was read after its call: the dropped ones used their answers");
  }

  /** Before its kind is known, a future that had stages when its call started is not judged by its own reads. */
  @Test
  void aFutureWithStagesUnseenIsNeverAbandoned() throws Exception {
    Supplier<String> supplier = () -> "answer";
    CompletableFuture<String> read = new CompletableFuture<>();
    CompletableFuture<String> withStage = new CompletableFuture<>();
    withStage.thenApply(String::length); // before the agent follows this future: unseen
    for (CompletableFuture<String> future : List.of(read, withStage)) {
      runWithCall(future, supplier);
      future.complete("answer");
    }
    TaskHooks.got(read, null); // the kind is read
    tracker.taskFutures().decideAtExit();
    assertEquals(List.of(Outcome.CONSUMED, Outcome.CONSUMED), outcomes());
  }

  private void collectUntil(int settledCalls) throws InterruptedException {
    for (int i = 0; i < 50 && settled.size() < settledCalls; i++) {
      System.gc();
      Thread.sleep(20);
    }
  }

  /**
   * The task's code is the application's: a body it closes unread is waste whatever becomes of
   * the future (for an SDK's future the SDK's close is no such sign).
   */
  @Test
  void aBodyTheTaskClosedUnreadIsAbandonedEvenIfTheFutureIsRead() throws Exception {
    Callable<String> callable = () -> "answer";
    FutureTask<String> task = new FutureTask<>(callable);
    Object token = TaskHooks.runs(task, callable);
    LlmCall call = tracker.start(tracker.match("POST", "https", "api.openai.com", 443, PATH),
        "api.openai.com", 443, PATH, REQUEST, true);
    TaskHooks.ran(token, task, NORMAL, "answer");
    assertEquals(false, call.readThroughSharedResult(), "the transport's signals are the app's");
    call.onResponseHeaders(200, tracker.newParser(call, "application/json", null));
    call.onBytes(ByteBuffer.wrap(ANSWER));
    call.onComplete();
    call.markAbandoned(); // the task closed the body unread

    TaskHooks.got(task, null);
    assertEquals(List.of(Outcome.ABANDONED), outcomes());
  }

  @Test
  void aTaskInsideAnotherRestoresTheOuterOneWhenItEnds() throws Exception {
    Callable<String> outerCallable = () -> "outer";
    FutureTask<String> outer = new FutureTask<>(outerCallable);
    Object outerToken = TaskHooks.runs(outer, outerCallable);
    Callable<String> innerCallable = () -> "inner";
    runWithCall(new FutureTask<>(innerCallable), innerCallable, "inner");
    assertTrue(TaskHooks.currentTask() == outer, "the outer task runs on");
    TaskHooks.ran(outerToken, outer, NORMAL, "outer");
    assertEquals(null, TaskHooks.currentTask());
  }
}
