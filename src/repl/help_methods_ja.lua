-- The Japanese texts of help_methods.lua's entries ("Class.method"), as
-- help_module_ja.lua holds those of the module's names: the prose only,
-- names and the program's messages verbatim, the tour's words.
return {
  -- Future (tasks have them too)
  ["Future.result"] = "終わった Future（またはタスク）が返した値をすべて返します。Future が失敗して" ..
    "いればそのエラーを、キャンセルされていれば CancelledError を、まだ終わっていなければ " ..
    "InvalidStateError: Result is not set. を投げます。決して待ちません：待つには await(f) と書きます。",
  ["Future.exception"] = "終わった Future（またはタスク）が失敗したエラー、ふつうに終わったなら nil を" ..
    "返します。尋ねたことで取り出したことになるので、never retrieved の報告は出ません。Future が" ..
    "キャンセルされていれば CancelledError を、まだ終わっていなければ InvalidStateError: Exception " ..
    "is not set. を投げます。",
  ["Future.done"] = "Future（またはタスク）が終わったら true です：値を得たか、エラーで失敗したか、" ..
    "キャンセルされたか。タスクは、その関数が返したか、エラーを投げたか、キャンセルされたら終わり" ..
    "です。決して待ちません。",
  ["Future.cancelled"] = "Future（またはタスク）がキャンセルされて終わったなら true です：Future への " ..
    "f:cancel()、または CancelledError をそのまま外へ出したタスク。キャンセルを捕まえて続けたタスクは" ..
    "キャンセルされていません。",
  ["Future.cancel"] = "未完了の Future をすぐにキャンセルします：Future は終わってキャンセルされた状態に" ..
    "なり、コールバックがスケジュールされ、await や f:result() は CancelledError(msg) を投げます。" ..
    "もう終わっていれば false を返します（失敗して終わっていたなら、Python と同じくそのエラーは" ..
    "取り出されたものとみなされます）。タスクの cancel は頼むだけです：" ..
    "help(\"Task.cancel\") を見てください。",
  ["Future.set_result"] = "未完了の Future をこれらの値で終わらせます（すべて。Python は一つだけ）。" ..
    "それを await している側がその値を受け取ります。もう終わった Future では InvalidStateError: " ..
    "invalid state を投げます。タスクは受け付けません。",
  ["Future.set_exception"] = "未完了の Future をエラーで終わらせます：await や f:result() は err を" ..
    "投げます（nil 以外の値なら何でもよく、nil は TypeError: invalid exception object）。もう終わった Future では InvalidStateError: invalid state を投げます。誰も取り出さ" ..
    "なかったエラーは、Future が回収されるときに報告されます。タスクは受け付けません。",
  ["Future.add_done_callback"] = "Future（またはタスク）が終わったら、ループの後の周回で、加えた順に " ..
    "fn(f) を呼びます。もう終わっていれば、fn はすぐにスケジュールされます。fn はふつうの関数です：" ..
    "await できず、そのエラーはループを止めずに報告されます。",
  ["Future.remove_done_callback"] = "Future（またはタスク）の完了コールバックから fn の登録をすべて" ..
    "取り除き、いくつあったかを返します。",
  ["Future.get_loop"] = "Future（またはタスク）が属するループです：Lua の状態ごとに一つで、" ..
    "asyncio.get_running_loop() が返すものです。",

  -- Task
  ["Task.cancel"] = "タスクに止まるよう頼みます：待っている await（動いている最中かまだ始まっていない" ..
    "なら、次の await）で CancelledError(msg) が投げられます。タスクがそれをそのまま外へ出せば、" ..
    "キャンセルされて終わり、それを await すると CancelledError を投げます。タスクはそれを捕まえて" ..
    "（pcall）続けることもできます。タスクがもう終わっていれば false を返します（失敗して終わって" ..
    "いたなら、そのエラーは取り出されたものとみなされ、報告されません）。呼ぶたびに " ..
    "t:cancelling() が一つ増えます。",
  ["Task.cancelling"] = "タスクへのキャンセルの頼み（t:cancel() の呼び出し）のうち、t:uncancel() で" ..
    "取り消されていないものの数です。asyncio.timeout、wait_for、TaskGroup は、自分のキャンセルと" ..
    "外から来たキャンセルを見分けるのにこれを使います。",
  ["Task.uncancel"] = "キャンセルの頼みを一つ取り消し、残りの数を返します。CancelledError を捕まえて" ..
    "自分で 0 まで uncancel したタスクは、キャンセルされなかったかのように続きます。",
  ["Task.get_name"] = "タスクの名前です：{name = ...} で付けたか t:set_name で設定したもの、なければ" ..
    "作られた順に Task-1、Task-2、…（スクリプトのメインタスクが Task-1）。",
  ["Task.set_name"] = "タスクの名前を変えます（名前は tostring で変換します）。名前は tostring(t)、" ..
    "トレースバック、REPL の tasks() の一覧に出ます。",
  ["Task.get_coro"] = "タスクが動かしているものです：create_task に渡したコルーチンオブジェクト、" ..
    "spawn や create_task に渡した非同期関数が返したコルーチン。ふつうの関数を渡したなら、その関数" ..
    "です。",
  ["Task.get_stack"] = "タスクのフレームを \"source:line\" の文字列で、内側から返します（Python は" ..
    "フレームオブジェクトを返します）：終わっていないタスクの居場所（まだ始まっていなければ、その関数" ..
    "が始まる行）、失敗したタスクではそのエラーのトレースバック、ほかの終わったタスクでは空です。" ..
    "limit（または {limit = n}）で最大 n 個に絞ります：スタックなら新しいほう、トレースバックなら古い" ..
    "ほうを残します。",
  ["Task.print_stack"] = "Stack for <Task ...> (most recent call first): と get_stack のフレームを、" ..
    "トレースバックと同じ形で stderr か file に表示します。失敗したタスクでは Traceback for <Task " ..
    "...>、フレーム、エラーを、フレームがなければ No stack for <Task ...> を表示します。",
  ["Task.set_result"] = "受け付けません：タスクの値はその関数から来るので、Python と同じく " ..
    "RuntimeError: Task does not support set_result operation を投げます。結果を手で設定するには " ..
    "Future を使ってください。",
  ["Task.set_exception"] = "受け付けません：タスクのエラーはその関数から来るので、Python と同じく " ..
    "RuntimeError: Task does not support set_exception operation を投げます。エラーを手で設定するには " ..
    "Future を使ってください。",

  -- loop
  ["loop.time"] = "ループの時計で、単位は秒です：単調に増え、起点は決まっていません。--clock=virtual " ..
    "では仮想時間です。期限（loop:call_at、asyncio.timeout_at）はこの時計の上にあります。" ..
    "time.monotonic() も同じ値を返します。",
  ["loop.call_soon"] = "ループの次の周回で、すでにスケジュールされたコールバックの後に（先に来た順に）" ..
    "fn(...) を動かします。fn はふつうの関数なので await できず、そのエラーは報告されてループは" ..
    "続きます。返るハンドルの h:cancel() で取りやめます。",
  ["loop.call_soon_threadsafe"] = "loop:call_soon と同じで、順番も同じです。CPython では別のスレッドが" ..
    "呼ぶメソッドですが、luasync のワーカースレッドは自分の Lua の状態を持ち、ループに触れられない" ..
    "ので、これはループのスレッドで呼ばれます。この名前を使うコードのためのものです。",
  ["loop.call_later"] = "今から delay 秒後に、ループから fn(...) を動かします：タスクではなくふつうの" ..
    "関数なので、await できません。ハンドルの h:when() は予定のループ時刻、h:cancel() は取りやめ" ..
    "です。",
  ["loop.call_at"] = "ループの時計（loop:time()）が when に達したときに fn(...) を動かします。ほかは " ..
    "loop:call_later と同じです。",
  ["loop.add_reader"] = "ディスクリプタ fd が読める間、loop:remove_reader(fd) まで、ループの周回ごとに " ..
    "fn(...) を動かします：ディスクリプタを出すライブラリ（settimeout(0) の後の luasocket の " ..
    "sock:getfd()、cqueues の pollfd()、luaposix のパイプ）への橋渡しで、それがポーリングなしでタスクと" ..
    "並んで動きます。fd は整数か、getfd、pollfd、fileno のどれかを持つオブジェクトです。二度目の " ..
    "add_reader は一度目を置き換えます。fn は call_soon と同じくふつうのコールバックです。",
  ["loop.add_writer"] = "ディスクリプタ fd が書ける間、loop:remove_writer(fd) まで、ループの周回ごとに " ..
    "fn(...) を動かします。ほかは loop:add_reader と同じです。一つの周回でディスクリプタが読めて" ..
    "書けもするときは、リーダーが先に動きます。",
  ["loop.remove_reader"] = "fd の読み込みの見張りをやめます：リーダーが登録されていれば true、" ..
    "いなければ false。Python と同じく、ディスクリプタを閉じる前に取り除いてください。",
  ["loop.remove_writer"] = "fd の書き込みの見張りをやめます：ライターが登録されていれば true、" ..
    "いなければ false。リーダーがあれば、それは続きます。",
  ["loop.add_signal_handler"] = "シグナル sig が届くたびに、ループのコールバックとして fn(...) を" ..
    "動かします：sig は数か名前（\"SIGTERM\"、\"TERM\"）です。ハンドラはシグナルごとに一つで、二度目の " ..
    "add は一度目を置き換えます。\"SIGINT\" なら loop:remove_signal_handler まで Ctrl-C のキャンセルを" ..
    "置き換えます。SIGKILL と SIGSTOP は捕まえられません（RuntimeError）。",
  ["loop.remove_signal_handler"] = "sig のハンドラを取り除きます：あれば true。シグナルはいつもの" ..
    "動作に戻ります（Ctrl-C はまたメインタスクをキャンセルします）。",
  ["loop.create_future"] = "新しい未完了の Future で、asyncio.Future() と同じです：何かがその " ..
    "set_result、set_exception、cancel を呼ぶまで待ちます。",
  ["loop.create_task"] = "asyncio.create_task と同じです：コルーチンオブジェクト（または関数）を新しい" ..
    "タスクに包み、それはループの後の周回で動き始めます。",
  ["loop.get_debug"] = "ループのデバッグフラグです：loop:set_debug(true) か asyncio.run(coro, {debug = " ..
    "true}) が立てない限り false です。",
  ["loop.set_debug"] = "asyncio のデバッグモードをオンかオフにします（luasync --debug、LUASYNC_DEBUG=1 " ..
    "でも）。loop.slow_callback_duration（0.1 秒）より長く動いたステップやコールバックが報告され" ..
    "（Executing <Task ...> took 3.000 seconds）、その原因が time.sleep、io.read、os.execute、" ..
    "ファイルの読み込みなら、そのブロッキング呼び出しを名指しします。タスクと Future は作られた場所を示し、" ..
    "決して await されなかったコルーチンオブジェクトをステップの終わりごとに探します。",
  ["loop.set_exception_handler"] = "誰も見ないエラーを知らせる先を設定します：コールバックのエラー" ..
    "（Exception in callback ...）、タスクや Future の never retrieved、asyncio.run() の終了時のもの。" ..
    "handler(loop, context) は message、exception、そしてハンドル、Future、タスクを持つテーブルを" ..
    "受け取ります。nil なら既定の報告（loop:default_exception_handler）に戻します。ハンドラの中の" ..
    "エラーは報告され、投げられることはありません。",
  ["loop.get_exception_handler"] = "loop:set_exception_handler が設定したハンドラ、既定の報告を" ..
    "使っているなら nil です。",
  ["loop.default_exception_handler"] = "stderr への既定の報告です：context の message、ほかのキーごとに" ..
    "キーの順に key: value の行、そしてトレースバックつきの例外。ハンドラはこれを呼ぶことで、既定の" ..
    "報告を置き換えずに付け足せます。",
  ["loop.call_exception_handler"] = "設定したハンドラ（または既定のもの）に context を知らせます。" ..
    "ランタイムがどこにも投げられないエラーにするのと同じことで、そうしたエラーを持つライブラリの" ..
    "ためのものです。",
  ["loop.is_running"] = "いつも true です：ループに届くコードはその中で動いています（スクリプトと" ..
    "プロンプトの入力は、動いているループの上のタスクです）。",
  ["loop.is_closed"] = "いつも false です：ループはプログラムと同じだけ生き、ユーザーのコードが閉じる" ..
    "ことはありません。",

  -- Handle
  ["Handle.cancel"] = "loop:call_soon、call_later、call_at でスケジュールしたコールバックを、まだ" ..
    "動いていなければ取りやめます。二度目のキャンセルは何もしません。",
  ["Handle.cancelled"] = "スケジュールしたコールバックのハンドルに h:cancel() を呼んだら true です。",
  ["Handle.when"] = "call_later や call_at のコールバックの予定のループ時刻です。call_soon のハンドルでは " ..
    "nil です（Python の Handle に when はありません）。",

  -- Queue
  ["Queue.get"] = "await すると要素を一つ取り出して返します。キューが空の間は待ちます（取り出す側は" ..
    "先に来た順）。q:shutdown() の後は、キューが空になると QueueShutDown を投げます。" ..
    "await(q:get()) と書きます。",
  ["Queue.put"] = "await すると item を入れます。キューがいっぱい（maxsize > 0）の間は空きを待ちます" ..
    "（入れる側は先に来た順）。q:shutdown() の後は QueueShutDown を投げます。await(q:put(item)) と" ..
    "書きます。",
  ["Queue.get_nowait"] = "要素を一つすぐに取り出して返します。なければ QueueEmpty を投げます" ..
    "（shutdown の後で空なら QueueShutDown）。",
  ["Queue.put_nowait"] = "item をすぐに入れます。キューがいっぱいなら QueueFull を投げます" ..
    "（q:shutdown() の後は QueueShutDown）。PriorityQueue は、ほかと比べられない要素を入れずに" ..
    "例外を投げます。",
  ["Queue.qsize"] = "いまキューにある要素の数です（取り出されて、まだ task_done で印を付けられていない" ..
    "ものは数えません）。",
  ["Queue.empty"] = "キューに要素がなく、get_nowait が QueueEmpty を投げるなら true です。",
  ["Queue.full"] = "キューに maxsize 個の要素があり、put_nowait が QueueFull を投げるなら true です。" ..
    "maxsize 0 のキューはいっぱいになりません。",
  ["Queue.task_done"] = "キューから取り出した要素一つに、処理済みの印を付けます。入れた要素すべてに印が" ..
    "付くと、await(q:join()) で待っているタスクが進みます。入れた要素より多く呼ぶと ValueError: " ..
    "task_done() called too many times を投げます。",
  ["Queue.join"] = "await すると、キューに入れた要素がすべて取り出されて q:task_done() で印を付けられる" ..
    "まで待ちます。残りがなければすぐに戻ります。await(q:join()) と書きます。",
  ["Queue.shutdown"] = "キューを閉じます：これから put と put_nowait は QueueShutDown を投げ、get と " ..
    "get_nowait もキューが空になったら投げます。q:shutdown(true) は残った要素も（終わった印を付けて）" ..
    "捨てるので、get はすぐに投げます。put や get で止まっているタスクは起きて投げます。immediate は" ..
    "真偽値か nil、または Python のキーワードをテーブルにしたもの：q:shutdown({immediate = false})。",

  -- Lock
  ["Lock.acquire"] = "await すると、ロックが空くまで待ってそれを取り、閉じると解放するガードを返し" ..
    "ます：local _ <close> = await(lock:acquire()) は、Python の async with lock と同じく、ブロックの" ..
    "終わりまでロックを持ちます。空いているロックは待たずに取れます。",
  ["Lock.release"] = "ロックを手で解放し、待っているタスクがあれば最初のタスクに渡します。持たれて" ..
    "いないロックを解放すると RuntimeError: Lock is not acquired. を投げます。",
  ["Lock.locked"] = "どれかのタスクがロックを持っている間 true です：そのとき acquire は待ちます。",

  -- Event
  ["Event.wait"] = "await すると、イベントが立つまで待ってから true を返します。もう立っていれば" ..
    "すぐに戻ります。await(ev:wait()) と書きます。",
  ["Event.set"] = "イベントを立て、ev:wait() で待っているタスクをすべて起こします。その後の wait は " ..
    "ev:clear() まですぐに戻ります。",
  ["Event.clear"] = "イベントを下ろします：これから ev:wait() を呼ぶタスクは、次の ev:set() を待ちます。",
  ["Event.is_set"] = "イベントが立っている間、つまり ev:wait() が待たずに戻る間 true です。",

  -- Condition
  ["Condition.acquire"] = "Lock:acquire と同じく条件のロックを取ります：local _ <close> = " ..
    "await(cond:acquire()) はブロックの終わりまでそれを持ちます。wait、wait_for、notify、notify_all は" ..
    "ロックを持っている必要があります。",
  ["Condition.release"] = "条件のロックを手で解放します（持たれていなければ RuntimeError: Lock is not " ..
    "acquired.）。",
  ["Condition.locked"] = "どれかのタスクが条件のロックを持っている間 true です。",
  ["Condition.wait"] = "await すると、ロックを解放し、ほかのタスクが notify か notify_all を呼ぶまで" ..
    "待ち、ロックを取り戻して true を返します。ロックを持っている必要があります（RuntimeError: cannot " ..
    "wait on un-acquired lock）。起きたら状態をもう一度確かめてください：cond:wait_for がそれを" ..
    "してくれます。",
  ["Condition.wait_for"] = "await すると predicate() を呼び、それが偽の値を返す間は（cond:wait と同じく）" ..
    "通知を待ってやり直します。predicate が最後に返した値を返します。ロックを持っている必要が" ..
    "あります。",
  ["Condition.notify"] = "条件を待っているタスクを n 個まで（既定は 1）、先に来た順に起こします。" ..
    "それらはロックを取り戻してから進みます。ロックを持っている必要があります（RuntimeError: " ..
    "cannot notify on un-acquired lock）。",
  ["Condition.notify_all"] = "条件を待っているタスクをすべて起こします。それぞれがロックを取り戻すたびに" ..
    "一つずつ進みます。ロックを持っている必要があります。",

  -- Semaphore, BoundedSemaphore
  ["Semaphore.acquire"] = "await すると単位を一つ取り（残っていなければ先に来た順に待ちます）、閉じると" ..
    "単位を返すガードを返します：local _ <close> = await(sem:acquire())。",
  ["Semaphore.release"] = "単位を手で一つ返し、待っているタスクがあれば最初のタスクを起こします。" ..
    "ふつうの Semaphore はこうしてはじめの値より大きくなれます。BoundedSemaphore は例外を投げます。",
  ["Semaphore.locked"] = "acquire が待つことになるとき true です：単位が残っていないか、ほかのタスクが" ..
    "もう待っています。",
  ["BoundedSemaphore.release"] = "Semaphore の release と同じく単位を返しますが、値がはじめの値を" ..
    "超えることになるなら ValueError: BoundedSemaphore released too many times を投げます。",

  -- Barrier
  ["Barrier.wait"] = "await すると、parties 個のタスクがバリアで待つまで待ち、そろったらみな着いた順の" ..
    "番号（最初は 0、最後は parties - 1）を持って進みます。バリアが壊れているか、待っている間に reset か " ..
    "abort されると BrokenBarrierError を投げます。",
  ["Barrier.reset"] = "await すると、バリアをはじめの状態に戻します：それを待っているタスクは " ..
    "BrokenBarrierError を投げ、壊れたバリアはまた使えるようになります。",
  ["Barrier.abort"] = "await すると、バリアを壊します：それを待っているタスクも、その後の b:wait() も、" ..
    "b:reset() まで BrokenBarrierError を投げます。",

  -- TaskGroup
  ["TaskGroup.create_task"] = "asyncio.create_task と同じですが、タスクはグループに属します：グループの " ..
    "<close> ブロックの終わりがそれを待ち、そのエラーはグループをキャンセルします。グループが終わったか" ..
    "終わりかけているなら RuntimeError を投げます。",
  ["TaskGroup.spawn"] = "asyncio.spawn（fn(...) を動かすタスク）と同じですが、tg:create_task と同じく" ..
    "タスクはグループに属します。",
  ["TaskGroup.cancel"] = "グループを早めに終えます：まだ動いている子をすべてキャンセルし、グループの" ..
    "ブロックを次の await でキャンセルします。エラーは集めません。ブロックの CancelledError はそれでも" ..
    "スコープの外へ出ます（Lua はそれを握りつぶせません）が、cancelling() は 0 に戻ります。Python " ..
    "3.15 の TaskGroup.cancel で、3.13 にはありません。",

  -- Timeout
  ["Timeout.when"] = "タイムアウトスコープの期限で、ループの時計（loop:time()）の上の時刻です。期限が" ..
    "なければ nil です。",
  ["Timeout.reschedule"] = "スコープにループの時計の上の新しい期限を与えます。nil なら期限なしです。" ..
    "スコープが有効で、期限がまだ過ぎていない間だけです：そうでなければ RuntimeError: Cannot change " ..
    "state of expired Timeout（または expiring、finished のもの）を投げます。",
  ["Timeout.expired"] = "期限が過ぎて、スコープがそのタスクをキャンセルしたら true です（ブロックは" ..
    "そのあと TimeoutError で終わります）。",

  -- Error classes
  ["BaseException.is"] = "エラーのための Python の isinstance です：value が Class かそのサブクラスの" ..
    "エラーなら true、ほかのもの（文字列のエラー、nil、ふつうのテーブル）なら false です。すべての" ..
    "エラークラスが持ち、subclass で作ったものも持ちます。pcall の後でエラーを見分けるのに使います。",
  ["BaseException.subclass"] = "Class の下に新しいエラークラスを定義します：それを呼ぶとエラーを作り" ..
    "（tostring は \"Name: message\"）、その :is がそれを調べ、Class:is も受け入れます。さらに" ..
    "サブクラスを作れます。",

  -- StreamReader
  ["StreamReader.read"] = "await すると、届いたらすぐに n バイトまでを返し、バッファが空の間は待ちます。" ..
    "n なし（か n < 0）なら、ストリームの終わりまですべて。終わりでは Python の b'' と同じく \"\" です" ..
    "が、Lua では \"\" は真なので、ループは `if not data` ではなく `if data == \"\" then break end` で止めます。" ..
    "await(r:read(100)) と書きます。",
  ["StreamReader.readline"] = "await すると次の行を \"\\n\" つきで返します。ストリームが改行なしで" ..
    "終われば最後の行はそれなしで、その後は \"\" です（Lua では真：line == \"\" で調べます）。" ..
    "limit より長い行は ValueError を投げます" ..
    "（その行は捨てられます）。",
  ["StreamReader.readuntil"] = "await すると、区切り（既定は \"\\n\"）までのデータを区切りごと返し" ..
    "ます。ストリームの終わりでは、残りを e.partial に入れて IncompleteReadError を投げ、limit を" ..
    "超えると LimitOverrunError を投げます。",
  ["StreamReader.readexactly"] = "await すると、ちょうど n バイトを、すべてそろうまで待って返します。" ..
    "先にストリームが終わると IncompleteReadError（e.partial、e.expected）を投げます。",
  ["StreamReader.lines"] = "タスクの中での Python の async for line in reader です：一周ごとに次の" ..
    "行を await し、ストリームの終わりでループが終わります。Lua の file:lines() と同じく、\"l\"" ..
    "（既定）は \"\\n\" を落とし、\"L\" は残します。",
  ["StreamReader.at_eof"] = "ストリームが終わり（feed_eof）、バッファが空なら true です：もう何も" ..
    "来ません。決して待ちません。",
  ["StreamReader.feed_data"] = "送り手が受け取ったバイトを渡すときに呼ぶものです：バイトはバッファに" ..
    "加わり、読むのを待っているタスクを起こします。limit の二倍を超えると送り手に一時停止を頼みます。" ..
    "feed_eof の後は RuntimeError です。",
  ["StreamReader.feed_eof"] = "送り手がストリームの終わりで呼ぶものです：読み手は残りを受け取り、" ..
    "その後は \"\" です（readexactly と readuntil は IncompleteReadError を投げます）。",
  ["StreamReader.exception"] = "送り手が set_exception で設定したエラー、または nil です。決して" ..
    "待ちません。",
  ["StreamReader.set_exception"] = "送り手がストリームが壊れたときに呼ぶものです：待っている読み込みも" ..
    "その後の読み込みもすべて err を投げます。",
  ["StreamReader.set_transport"] = "リーダーに送り手の流量制御を渡します：pause_reading() と " ..
    "resume_reading() を持つテーブルで、リーダーはバッファが limit の二倍を超えたときと、読まれて " ..
    "limit を下回ったときにそれを呼びます。リーダーごとに一度です。",

  -- StreamWriter
  ["StreamWriter.write"] = "送るバイトを積みます（いくつもの文字列は、Lua の file:write のように順に）。決して待ちません。速い書き手が遅い読み手を待つよう、" ..
    "後に await(w:drain()) を続けてください。接続が切れた後は何もしません（drain が切れたことを" ..
    "知らせます）。write_eof の後は RuntimeError を投げます（子プロセスの stdin では write_eof が" ..
    "閉じるので、その後の書き込みは何もしません）。",
  ["StreamWriter.writelines"] = "リストの文字列を、w:write と同じく一つずつ順に書きます。間には何も" ..
    "入れません（改行も）。",
  ["StreamWriter.drain"] = "await すると、64 KiB より多く積まれている間、16 KiB を下回るまで待ちます。" ..
    "そうでなければすぐに戻ります。接続を壊したエラーを投げ、close の後は ConnectionResetError: " ..
    "Connection lost を投げます。",
  ["StreamWriter.write_eof"] = "積んだものの後で、こちらから送るのを終えます（相手はストリームの" ..
    "終わりを読みます）。こちらはまだ読めます：ハーフクローズです。",
  ["StreamWriter.can_write_eof"] = "true です：TCP と Unix ドメインソケットは、読み続けたまま送るのを" ..
    "終えられます（w:write_eof()）。",
  ["StreamWriter.close"] = "書いたものが出ていったら接続を閉じます。読み込みはすぐに止まります。閉じる" ..
    "まで待つには、後に await(w:wait_closed()) を続けてください。local w <close> でも閉じられます。",
  ["StreamWriter.is_closing"] = "w:close() を呼んだか、接続が切れたら true です：それからの書き込みは" ..
    "無視されます。",
  ["StreamWriter.wait_closed"] = "await すると、接続が閉じるまで（w:close() の後、または切れたとき）" ..
    "待ちます。接続を壊したエラーはここでは投げられません。",
  ["StreamWriter.get_extra_info"] = "接続が知っていることです：\"peername\" と \"sockname\" は TCP なら " ..
    "{host, port} を（Unix ソケットならパスを）返し、ほかの名前には default を返します。",

  -- Transport
  ["Transport.abort"] = "Python の transport.abort() と同じく、接続をすぐに閉じます：積まれてまだ" ..
    "システムに渡っていないものは捨てられ、こちらのリーダーは終わりを読み、wait_closed は戻り、待って" ..
    "いる drain も戻ります。ソケットは CPython と同じくふつうに閉じます：相手は終わりを読むか、" ..
    "こちらに読まれていないバイトが残っていれば ConnectionResetError を受けます。二度目や、接続が" ..
    "切れた後は何もしません。",
  ["Transport.close"] = "w:close() と同じです：書いたものが出ていったら接続が閉じます。" ..
    "writer.transport は接続のトランスポートで、ライターと共有され、Python のトランスポートの API に" ..
    "合わせて書いたコードのためのものです。",
  ["Transport.is_closing"] = "トランスポート（またはそのライター）が閉じられたか abort されたか、" ..
    "接続が切れたら true です：w:is_closing() と同じ答えです。",
  ["Transport.get_extra_info"] = "w:get_extra_info(name, default) と同じです：\"peername\" と " ..
    "\"sockname\" は TCP なら {host, port} を（Unix ソケットならパスを）返し、接続が閉じた後も" ..
    "わかります。ほかの名前（\"socket\" も）には default を返します。",
  ["Transport.get_write_buffer_size"] = "書いたがまだシステムに渡っていないバイト数です（遅い相手だと" ..
    "ここに残ります）。トランスポートが閉じられたか abort されたら 0 です。drain() はこれが 64 KiB を" ..
    "超える間待ちます。",

  -- Server
  ["Server.close"] = "待ち受けをやめます。すでにできた接続は続きます。そのあと " ..
    "await(server:wait_closed()) で、それらが終わるまで待てます。`local server <close> = ...`" ..
    "（Python の async with server:）なら、スコープが終わるときにその両方をします。",
  ["Server.wait_closed"] = "await すると、サーバーが閉じられ、受け付けた接続がすべて閉じるまで待ちます。",
  ["Server.close_clients"] = "サーバーが受け付けてまだ開いている接続を、それぞれ積んだものが出て" ..
    "いったら閉じます（Python 3.13 と同じ）。ハンドラのタスクは続きます（リーダーは終わりを読み、" ..
    "書き込みは捨てられます）。閉じない限りサーバーは待ち受けを続けます。server:close() の後なら、" ..
    "await(server:wait_closed()) が戻れるようになります。",
  ["Server.abort_clients"] = "サーバーが受け付けてまだ開いている接続を、Python 3.13 と同じく abort " ..
    "します：それぞれすぐに閉じ、積んだものを捨てます（w.transport:abort()）。ハンドラのタスクは" ..
    "続き、閉じない限りサーバーは待ち受けを続けます。",
  ["Server.serve_forever"] = "await すると、待っているタスクがキャンセルされる（かサーバーが閉じられる）" ..
    "まで接続を受け付け続けます。そのあと、Python と同じくサーバーを閉じ、その接続を待ちます。",
  ["Server.start_serving"] = "{start_serving = false} で作ったサーバーで、await すると接続の受け付けを" ..
    "始めます（Python と同じく非同期メソッド）。それまでソケットはバインドされているだけで待ち受けて" ..
    "おらず、接続は拒否されます（ConnectionRefusedError）。",
  ["Server.is_serving"] = "サーバーが接続を受け付けている間 true です：start_server（または " ..
    "start_serving）の後、close まで。",
  ["Server.get_loop"] = "サーバーが動いているループです：ループはプログラムに一つなので、" ..
    "asyncio.get_running_loop() のものです。",

  -- The loop's executors and DNS
  ["loop.run_until_complete"] = "asyncio.run(aw) の古い書き方で、" ..
    "asyncio.get_event_loop():run_until_complete(main()) のように使います：ループはすでにスクリプトを" ..
    "タスクとして動かしているので、そこで aw を await してその結果を返します。",
  ["loop.run_in_executor"] = "fn(...) を ThreadPoolExecutor（nil なら既定のもの）にすぐに渡し、await " ..
    "する Future を返します。fn と引数は asyncio.to_thread と同じくワーカーにコピーされます。Future を" ..
    "キャンセルすると、まだどのワーカーも始めていないジョブを取り下げます。",
  ["loop.set_default_executor"] = "pool（ThreadPoolExecutor）を、これから asyncio.to_thread と " ..
    "loop:run_in_executor(nil, ...) が使うものにします。",
  ["loop.shutdown_default_executor"] = "await すると、asyncio.run が最後にするのと同じく、既定の" ..
    "エグゼキュータのジョブが終わるのを待ってそれを止めます。timeout 秒たつと RuntimeWarning を出して" ..
    "待つのをやめます（ジョブは動き続けます）。その後の to_thread は新しい既定のエグゼキュータを" ..
    "作ります。",
  ["loop.getaddrinfo"] = "ループを止めずに host を引きます（libuv のリゾルバのスレッドで）：各要素は " ..
    "{address, port, family = \"inet\" または \"inet6\"} です。知らない名前は OSError: [Errno -2] Name " ..
    "or service not known を投げます。",

  -- ThreadPoolExecutor
  ["ThreadPoolExecutor.submit"] = "concurrent.futures の submit と同じく fn(...) をこのプールにすぐに" ..
    "渡し、await する Future を返します：それはもう asyncio のものなので、asyncio.wrap_future(f) は" ..
    "それをそのまま返します。fn と引数は asyncio.to_thread と同じくワーカーにコピーされます。",
  ["ThreadPoolExecutor.shutdown"] = "もうジョブを受け付けません。cancel_futures（既定は false）は、" ..
    "まだどのワーカーも始めていないジョブをキャンセルします。wait（既定は true）は、CPython と同じく" ..
    "ほかのジョブが終わるまでブロックします。ループもブロックするので、ほかのタスクを進めるなら先に " ..
    "Future を await してください。Ctrl-C で待つのをやめます。",

  -- Process
  ["Process.wait"] = "await すると p.returncode を返します：終了ステータス、またはシグナルで殺された" ..
    "ならそのシグナルの番号を負にしたもの。終了がもう分かっていればすぐに答えます。まだなら、Python と" ..
    "同じく、子プロセスが終わり出力のパイプが終わるまで待ちます。その間にパイプにした stdout を読んで" ..
    "ください：パイプがいっぱいで止まった子プロセスは決して終わりません。",
  ["Process.communicate"] = "await すると、input を stdin に書いて閉じ（stdin = PIPE でなければ、" ..
    "CPython と同じく input は無視されます）、stdout と stderr を同時に終わりまで読み、終了を待って、" ..
    "読んだものを返します（パイプにしていないストリームは nil）。",
  ["Process.send_signal"] = "シグナルを番号か名前（大文字小文字を問わず \"SIGTERM\"、\"TERM\"、\"sigterm\"）" ..
    "で送ります。子プロセスの終了を" ..
    "受け取った後は、Python と同じく ProcessLookupError を投げます。",
  ["Process.terminate"] = "SIGTERM を送ります：子プロセスは後始末をして終われます。シグナルで終わったなら、" ..
    "p:wait() はそのあと -15 を返します。",
  ["Process.kill"] = "子プロセスが捕まえられない SIGKILL を送ります。p:wait() はそのあと -9 を返します。",

  -- File
  ["File.read"] = "await すると、今の位置から n バイトまでを、n なしならファイルの残りを返します。" ..
    "終わりでは \"\" です（Lua では真：`if data == \"\" then break end` で止めます）。" ..
    "encoding つきで開いたファイルでは n は文字数で、テキストは UTF-8 です。" ..
    "読んでいる間、ほかのタスクが動きます。",
  ["File.readline"] = "await すると次の行を \"\\n\" つきで返し（最後の行にはないこともあります）、" ..
    "ファイルの終わりでは \"\" を返します（Lua では真：line == \"\" で調べます）。",
  ["File.lines"] = "タスクの中での Python の async for line in f です：一周ごとに次の行を読みます。" ..
    "Lua の file:lines() と同じく、\"l\"（既定）は \"\\n\" を落とし、\"L\" は残します。",
  ["File.write"] = "await すると、s（いくつもの文字列や数は、Lua の file:write のように順に）を今の位置に（\"a\" のモードなら終わりに）書き、書いたバイト数を" ..
    "返します。\"r\" で開いたファイルでは UnsupportedOperation: not writable を投げます。",
  ["File.seek"] = "Lua の file:seek と同じく位置を動かします：whence は \"set\"（始めから）、\"cur\"" ..
    "（既定）、\"end\" で、それに offset（0）を足します。新しい位置を返します。シークできない" ..
    "ファイル（FIFO、端末）では、await したときに OSError: [Errno 29] Illegal seek を投げます。",
  ["File.tell"] = "ファイルの始めからの、今の位置のバイト数です。決して待ちません。シークできない" ..
    "ファイル（FIFO、端末）では、Python と同じく OSError: [Errno 29] Illegal seek を投げます。",
  ["File.flush"] = "することはありません：File は書き込みのバッファを持たず、どの書き込みも await が" ..
    "戻ったときにはシステムに届いています。aiofiles 向けに書いたコードのために残してあります。",
  ["File.close"] = "await するとファイルを閉じます。その後の読み書きは、await したときに ValueError: " ..
    "I/O operation on closed file を投げます。local f <close> = ... ならブロックの終わりで閉じます。",
}
