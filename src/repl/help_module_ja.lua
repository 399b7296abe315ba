-- The Japanese texts of help_module.lua's entries, by entry name: what
-- help(x) shows instead of an entry's text= when the language is Japanese
-- (help.lua). Only the prose is translated: an entry's sig, example and
-- python are code and are shown as they are. The names of luasync, Lua and
-- Python, the error classes and the messages the program prints
-- ("RuntimeError: cannot reuse already awaited coroutine") stay verbatim.
-- The words follow the tour (help.lua's tour_ja) and docs/*.ja.md: タスク,
-- コルーチン（オブジェクト）, 待つ, 投げる (raise), 捕まえる (catch),
-- キャンセル, タイムアウトスコープ, ループの後の周回 (a later loop
-- iteration). tests/lua/repl/help_japanese.lua checks that every entry has
-- a text here and every text here an entry.
local texts = {
  async = "非同期関数（Python の async def）を作ります。呼び出しても fn は動かず、引数を持った" ..
    "コルーチンオブジェクトが返ります。await すると今のタスクの中でそのまま動き、タスクに包む" ..
    "（asyncio.create_task）と並行して動きます。コルーチンオブジェクトが動くのは一度だけです（二度目の " ..
    "await は RuntimeError: cannot reuse already awaited coroutine を、最初の await がまだ動かしている間なら " ..
    "coroutine is being awaited already を投げます）。一度も動かずに回収" ..
    "されたものは RuntimeWarning: coroutine '<name>' was never awaited と表示します。非同期関数は" ..
    "いくつもの値を返せます。fn は呼び出せるオブジェクト（__call を持つテーブルや userdata）でも" ..
    "かまいません。",
  await = "awaitable を動かすか待ち、それが出した値をすべて返します。エラーならそのエラーを投げます。" ..
    "awaitable とは、コルーチンオブジェクト（今のタスクの中でそのまま動き、新しいタスクは作りません）、" ..
    "Task と Future（終わるまでタスクが止まります）、メタテーブルに __await を持つ値です。それ以外は " ..
    "TypeError: object <type> can't be used in 'await' expression を投げます。<type> はそのクラス" ..
    "（メタテーブルの __name：Lock、Queue…）、なければ Lua の型です。await はタスクの中でだけ使え" ..
    "ます。スクリプトとプロンプトの入力ははじめからタスクとして動いています。関数なので、書き方は" ..
    "いつも await(x) です。",
  run = "コルーチンオブジェクト coro を動かし、その結果を返します。スクリプトとプロンプトの入力は" ..
    "はじめから動いているループの上のタスクなので、asyncio.run(main()) はそこで main() を await する" ..
    "だけです（文書にした違い：CPython は動いているループの中では例外を投げます）。何度でも呼べます。" ..
    "coro が終わると、残したタスクをキャンセルし、次にこの run の中で始まって終わっていない非同期" ..
    "ジェネレータを閉じます（後始末では await できます）。CPython の run と同じです。" ..
    "clock はタイマーが一つも待っていないときに時計を切り替え、debug はループのデバッグフラグを" ..
    "設定します。コルーチンオブジェクト以外を渡すと ValueError: a coroutine was expected を投げます。",
  sleep = "await すると今のタスクを delay 秒止め、そのあと残りの引数を返します（Python の result。" ..
    "luasync はすべて返します）。delay が 0 以下なら一度だけ譲ります：準備のできたほかのタスクが先に" ..
    "動きます。非同期関数なので、asyncio.gather(asyncio.sleep(1), asyncio.sleep(2)) は 2 秒かかります。" ..
    "キャンセルされた sleep は await のところで CancelledError を投げます。delay が NaN なら、" ..
    "そこで ValueError を投げます。",
  create_task = "コルーチンオブジェクトを新しい Task に包んでスケジュールします：誰も await しなくても、" ..
    "ループの後の周回で、作られた順に動き始めます。関数を渡すと、タスクはそれを引数なしで呼びます。" ..
    "非同期関数なら、そのコルーチンがタスクの本体になります（create_task(work) は " ..
    "create_task(work()) と同じ）。名前のないタスクは Task-1、Task-2、… です。タスクへの参照を持って" ..
    "おくか await してください：誰も取り出さなかったエラーは Task exception was never retrieved と" ..
    "報告されます。",
  spawn = "fn(...) を動かすタスクを作ります：引数は fn に渡り、fn は async で宣言しなくてもかまいません。" ..
    "非同期関数なら、そのコルーチンがタスクの本体になります（spawn(work, 1) は " ..
    "create_task(work(1)) と同じ）。ほかは asyncio.create_task と同じです：タスクはループの後の周回で" ..
    "動き始め、await(task) は fn が返したものを返します。fn は呼び出せるオブジェクト（__call を持つ" ..
    "テーブルや userdata）でもかまいません。",
  gather = "いくつもの awaitable を並行して動かし（コルーチンオブジェクトはすぐにタスクになります）、" ..
    "Future を返します。それを await すると、渡した順の結果のリスト（.n 付きで、それぞれの最初の値）が" ..
    "得られます。return_exceptions がなければ、最初のエラーがすぐに投げられ、ほかの子は動き続けます。" ..
    "return_exceptions = true なら、エラーもリストに入ります。Future をキャンセルすると、終わっていない" ..
    "子をすべてキャンセルします。最後の引数がメタテーブルのないテーブルなら、それはオプションです。",
  wait_for = "aw を長くても timeout 秒だけ待ち、それが出した値をすべて返します。時間が切れると aw を" ..
    "キャンセルし、それが終わるのを待って TimeoutError を投げます（その .cause は元になった " ..
    "CancelledError）。timeout = nil なら期限なしで待ち、0 以下なら一度だけ確かめます。待っている" ..
    "タスクがキャンセルされると aw もキャンセルされます：守るには asyncio.shield を使います。",
  timeout = "to-be-closed 変数のためのタイムアウトスコープです：local cm <close> = asyncio.timeout(5)。" ..
    "呼んだときに入り、囲むブロックの終わりで出ます。ブロックの実行中に期限（今から delay 秒後。nil " ..
    "なら期限なし）が過ぎると、タスクはキャンセルされ、ブロックを出るときにその CancelledError が " ..
    "TimeoutError に変わります。メソッド：cm:when()、cm:reschedule(when)、cm:expired()。タスクの中で" ..
    "使ってください。",
  timeout_at = "asyncio.timeout と同じですが、期限をループの時計（loop:time()）での絶対時刻で渡します。" ..
    "nil なら期限なしです。",
  shield = "aw を、shield を await している側からのキャンセルから守ります：aw がコルーチンオブジェクトなら" ..
    "タスクになり、返る外側の Future はそれに従います。外側の Future がキャンセルされても（await して" ..
    "いるタスクがキャンセルされる、wait_for が時間切れになる）、内側のタスクは動き続けます。aw がもう" ..
    "終わっていれば、shield は aw をそのまま返します。内側のタスクへの参照を持っておいてください。",
  wait = "Task と Future のリストを、return_when の条件（asyncio.FIRST_COMPLETED、" ..
    "asyncio.FIRST_EXCEPTION、または既定の asyncio.ALL_COMPLETED）が満たされるか、timeout が過ぎる" ..
    "まで待ちます。時間切れでも例外は投げず、何もキャンセルしません。done と pending は渡した順の" ..
    "リストです（Python では set）。コルーチンオブジェクトは受け付けず（TypeError）、空のリストは " ..
    "ValueError を投げます。",
  as_completed = "awaitable を動かし始め（コルーチンオブジェクトはタスクになります）、ジェネリック for で" ..
    "入力一つにつき一つの awaitable を出します：i 番目を await すると、i 番目に終わったものの結果が" ..
    "得られるか、そのエラーが投げられます。timeout を付けると、その時点でまだ終わっていないものは " ..
    "await したときに TimeoutError を投げます（タスクはキャンセルされません）。",
  current_task = "いま動いているタスク。タスクの外（たとえば loop:call_soon のコールバックの中）では " ..
    "nil です。スクリプトのメインチャンクはタスク Task-1 として動き、プロンプトの入力もそれぞれ" ..
    "タスクとして動きます。",
  all_tasks = "まだ終わっていないタスク（今のタスクも含む）を、作られた順のリストで返します" ..
    "（Python では set）。",
  Future = "後で届く結果です：f:set_result(...)、f:set_exception(err)、f:cancel([msg]) のどれか一つが" ..
    "終わらせるまで未完了のままです。await するとそれまで止まり、値を返すかエラーを投げます。ほかに " ..
    "f:done()、f:cancelled()、f:result()、f:exception()、f:add_done_callback(fn)（fn(f) はループの後の" ..
    "周回で動きます）、f:remove_done_callback(fn)。loop:create_future() でも作れます。",
  get_running_loop = "イベントループです（Lua の状態ごとに一つ。asyncio.get_event_loop() でも同じ）。" ..
    "メソッドはコロンで呼びます：loop:time()、loop:call_soon(fn, ...)、loop:call_later(delay, fn, " ..
    "...)、loop:call_at(when, fn, ...)（どれも h:cancel() を持つハンドルを返します）、" ..
    "loop:create_future()、loop:create_task(coro_or_fn)、loop:get_debug()、loop:set_debug(bool)、" ..
    "loop:set_exception_handler(fn)。loop.slow_callback_duration はフィールドです。コールバックは" ..
    "ふつうの関数なので、await できません。",
  iscoroutine = "x がコルーチンオブジェクトなら true です：非同期関数や、asyncio.sleep のような待つ" ..
    "ライブラリ関数を呼ぶと返るものです。",
  iscoroutinefunction = "f が非同期関数なら true です：async() で作ったもの、または asyncio.sleep、" ..
    "q.get、lock.acquire、reader.read、asyncio.http.get のようにコルーチンオブジェクトを返すランタイムの" ..
    "関数やメソッド（CPython の async def）。呼ぶとコルーチンオブジェクトができます。",
  isfuture = "x が Future、Task、または gather や shield の Future なら true です。",
  wrap_future = "エグゼキュータの submit が返した Future のためのものです：luasync ではそれがもう " ..
    "asyncio の Future なので、そのまま返り、すぐに await できます。ほかのものは受け付けません。",
  ensure_future = "Future と Task はそのまま返します。コルーチンオブジェクトは新しい Task に包み、" ..
    "__await メタメソッドを持つ値は、それを await するタスクに包みます。ほかのものは TypeError: An " ..
    "asyncio.Future, a coroutine or an awaitable is required を投げます。",

  -- Classes and constructors
  Task = "すべてのタスクのメタテーブルです：getmetatable(t) == asyncio.Task。タスクは " ..
    "asyncio.create_task、asyncio.spawn、loop:create_task、TaskGroup で作り、asyncio.Task を呼んで作る" ..
    "ことはありません。Task はコルーチンを動かす Future です：Future のメソッド（done、result、" ..
    "exception、add_done_callback、…）と、t:cancel([msg])、t:cancelling()、t:uncancel()、" ..
    "t:get_name()、t:set_name(name)、t:get_coro()、t:get_stack()、t:print_stack() を持ちます。" ..
    "help(\"Task.cancel\") のようにすると一つずつ説明を表示します。",
  TaskGroup = "構造化された並行処理です：Python の async with asyncio.TaskGroup() as tg は <close> 変数に" ..
    "なります。呼ぶと今のタスクの中でグループに入り、変数のブロックの終わりですべての子を待ちます。" ..
    "最初に失敗した子が、ほかの子とブロックをキャンセルし、ブロックはエラーを .exceptions に並べた " ..
    "ExceptionGroup を投げます。メソッド：tg:create_task(coro_or_fn[, {name = ...}])、tg:spawn(fn, " ..
    "...)、tg:cancel()。必ず <close> で宣言してください：そうしないと誰も子を待ちません。",
  Lock = "タスクのための排他ロックです。await(lock:acquire()) はロックが空くまで待ってそれを取り、" ..
    "閉じると解放するガードを返します。なので local _ <close> = await(lock:acquire()) でブロックの" ..
    "終わりまでロックを持てます（Python の async with lock）。lock:release() は手で解放し、" ..
    "lock:locked() は持たれているかどうかを答えます。待っているタスクは先に来た順にロックを得ます。",
  Event = "タスクが待つフラグです。はじめは立っていません。ev:set() で立てると、await(ev:wait()) で" ..
    "待っているタスクがすべて起きます。立っている間、ev:wait() は待たずに true を返します。ev:clear() " ..
    "でまた下ろし、ev:is_set() で読みます。",
  Condition = "待合室つきのロック（自分のロック、または渡した Lock）です。local _ <close> = " ..
    "await(cond:acquire()) で持ち、そのうえで await(cond:wait()) はロックを解放して通知を待ち、ロックを" ..
    "取り戻します。await(cond:wait_for(pred)) は pred() が真の値を返すまで待ちます。cond:notify([n]) は " ..
    "n 個（既定は 1）の待ち手を、cond:notify_all() はすべてを起こします。どちらもロックを持っている" ..
    "必要があります。",
  Semaphore = "value 個（既定は 1）の単位を数えるカウンタで、同時に進めるタスクの数を制限します。" ..
    "await(sem:acquire()) は単位を一つ取り（残っていなければ待ちます）、閉じると返すガードを返します：" ..
    "local _ <close> = await(sem:acquire())。sem:release() は手で単位を一つ返し、sem:locked() は " ..
    "acquire が待つことになるとき true です。value が負なら ValueError を投げます。",
  BoundedSemaphore = "増えることのない Semaphore です：はじめの値を超える release は ValueError: " ..
    "BoundedSemaphore released too many times を投げるので、acquire のない release が見つかります。" ..
    "ほかは Semaphore と同じです。",
  Barrier = "parties 個のタスクの待ち合わせ場所です：await(b:wait()) は parties 個のタスクが待つまで" ..
    "待ち、そろったらみな進みます。それぞれに着いた順の番号（0 から parties - 1）が返ります。" ..
    "await(b:reset()) と await(b:abort()) は、待っているタスクに BrokenBarrierError を投げさせます。" ..
    "abort したバリアは壊れたままです。b.parties、b.n_waiting、b.broken はフィールドです。parties が " ..
    "1 より小さいと ValueError を投げます。",
  Queue = "タスクの間で要素を受け渡す、先入れ先出しのキューです。maxsize 0（既定）は上限なしです。" ..
    "await(q:put(x)) はキューがいっぱいの間、await(q:get()) は空の間待ちます。q:put_nowait(x) と " ..
    "q:get_nowait() は待つ代わりに QueueFull と QueueEmpty を投げます。q:task_done() と " ..
    "await(q:join()) で、生産者はすべての要素が処理されるまで待てます。q:shutdown() で閉じます。" ..
    "q.maxsize はフィールドです。要素はどんな値でもよく、nil も入れられます。",
  StreamReader = "届くバイトのバッファで、タスクは届いたものから読みます。Python と同じく " ..
    "await(r:read(n))、await(r:readline())、await(r:readuntil(sep))、await(r:readexactly(n))、" ..
    "タスクの中の for line in r:lines() do、r:at_eof() があります。送り手は r:feed_data(s) と " ..
    "r:feed_eof() で渡します。limit（64 KiB）は一行の長さの上限で、それより長いと ValueError か " ..
    "LimitOverrunError を投げます。asyncio.stdin() は標準入力をこれとして返します。",
  open_connection = "TCP で host:port につなぎ、StreamReader と StreamWriter を返します。host は" ..
    "アドレスか名前です（名前はループを止めずに引き、アドレスを一つずつ試します）。port は数か、" ..
    "Python と同じくサービス名です（\"http\" は 80）。接続を拒まれると、" ..
    "Python と同じく ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1) を" ..
    "投げます。",
  start_server = "host:port で待ち受け（port 0 なら空いているポートで、" ..
    "server.sockets[1]:getsockname() で読めます）、接続ごとに cb(reader, writer) をタスクとして動かし" ..
    "ます。cb はふつうの関数でも非同期関数でもかまいません。host が nil ならすべてのインターフェースで" ..
    "待ち受けます。local server <close> = ... ならブロックの終わりで閉じます。",
  open_unix_connection = "path の Unix ドメインソケットにつなぎ、StreamReader と StreamWriter を返します" ..
    "（TCP での open_connection と同じ）。ソケットがなければ FileNotFoundError を、誰も待ち受けて" ..
    "いなければ ConnectionRefusedError を投げます。",
  start_unix_server = "path の Unix ドメインソケットで待ち受け、接続ごとに cb(reader, writer) を" ..
    "タスクとして動かします（TCP での start_server と同じ）。path にすでにあるソケットファイルは置き" ..
    "換えます（ほかのファイルがあれば OSError: Address ... is already in use）。サーバーを閉じると、" ..
    "path がまだそのソケットを指していればファイルを消します（Python 3.13 と同じ。cleanup_socket = " ..
    "false なら残します）。",
  create_subprocess_exec = "program を引数つきで（シェルなしで）起動し、Process を返します。opts：" ..
    "stdin、stdout、stderr = asyncio.subprocess.PIPE（ストリーム）、DEVNULL、STDOUT（stderr を stdout " ..
    "へ）、nil（受け継ぐ）、cwd、env（環境のすべて、テーブル）、limit。program がなければ " ..
    "FileNotFoundError を投げます。Python のリスト {\"echo\", \"hi\"} は Lua では " ..
    "create_subprocess_exec(table.unpack(cmd)) です。",
  create_subprocess_shell = "cmd を /bin/sh -c で動かし、Process を返します。オプションは " ..
    "create_subprocess_exec と同じです。シェルのクォートが効くので、信用できないテキストは " ..
    "create_subprocess_exec に渡してください。",
  subprocess = "サブプロセスのオプションの定数で、値は CPython と同じです：PIPE（-1）はその標準" ..
    "ストリームを Process のストリームにし、STDOUT（-2）は stderr を stdout に送り、DEVNULL（-3）は " ..
    "/dev/null につなぎます。nil はプログラム自身のものを受け継ぎます。",
  open = "ループを止めずにファイルを開きます（aiofiles.open）：システムコールは libuv のスレッドで" ..
    "動き、その間ほかのタスクが動きます。mode は Lua の io.open と同じです（\"r\"、\"w\"、\"a\"、" ..
    "\"r+\"、\"w+\"、\"a+\"、作るだけの \"x\"）。local f <close> = ... ならブロックの終わりで閉じます。" ..
    "encoding（Python の名前：\"shift_jis\"、\"cp932\"、\"latin-1\" など）は、Python のテキストモードと" ..
    "同じく、読んだものを UTF-8 にデコードし、書くものをエンコードします（\"utf-8-sig\" は BOM を" ..
    "読み飛ばし、ファイルの先頭に書きます。知らない名前は LookupError）。errors = \"strict\"" ..
    "（UnicodeDecodeError）、\"replace\"、\"ignore\"、\"backslashreplace\"、\"xmlcharrefreplace\"、" ..
    "\"surrogateescape\"（Python と同じ）。" ..
    "エラーは Python のものです：FileNotFoundError: [Errno 2] ...",
  print_call_graph = "今のタスク（または渡した Task や Future）の非同期コールグラフを表示します：" ..
    "そのコールスタックを内側のフレームから、次にそれを待っているもの（それを、またはそれを含む gather・" ..
    "shield・wait を待つタスク、TaskGroup の親）を、と上までたどります（CPython 3.14 のもの）。limit は各スタックの" ..
    "フレームを外側からその数だけ残し（負なら内側から）、depth は今のタスクのフレームを飛ばします（すべてを越えると " ..
    "ValueError: call stack is not deep enough）。",
  format_call_graph = "print_call_graph が表示するコールグラフを文字列で返します：タスクのコール" ..
    "スタックを内側のフレームから、次にそれを待っているものを、段ごとに字下げして。",
  capture_call_graph = "コールグラフをデータで返します：future、call_stack（{file=, line=, name=} の" ..
    "リスト、内側から）、awaited_by（それを待っているもののグラフのリスト）。タスクの外では nil です。",
  to_thread = "ループが動き続ける間に、既定のエグゼキュータのワーカースレッドで fn(...) を動かします：" ..
    "そこでの time.sleep などのブロッキング呼び出しはそのスレッドだけを止め、CPU を使う処理は並列に" ..
    "動きます。fn と引数はワーカー自身の Lua の状態にコピーされます（nil、真偽値、数、文字列、それらの" ..
    "テーブル、上位値が _ENV だけの関数）。ほかのものは呼んだときに受け付けません。待っているタスクを" ..
    "キャンセルしても、ジョブは動き続けます。",
  ThreadPoolExecutor = "loop:run_in_executor(pool, fn, ...) のためのワーカースレッドのプールです" ..
    "（concurrent.futures.ThreadPoolExecutor）。ジョブが来るたびに max_workers（既定は min(32, " ..
    "cores + 4)）までスレッドを起こします。local pool <close> = ... ならブロックの終わりで、ジョブを" ..
    "待ってから止めます。",
  http = "libcurl を使い、ループで動く HTTP/HTTPS クライアントです（名前は aiohttp のもの）：" ..
    "await(http.get(url[, opts])) はレスポンスを返し、それには status、reason、url、headers（大文字" ..
    "小文字を問わない）、history（たどったリダイレクト）、await(r:text())、await(r:json())、await(r:read(n))、r:iter_chunks()、" ..
    "r:raise_for_status() があります。opts：headers、params、data、json、timeout、follow_redirects、" ..
    "cafile、verify。local s <close> = http.Session{base_url=, headers=, timeout=, limit=} は接続を" ..
    "使い回します。docs/http.md を見てください。",
  fs = "ループを止めないファイルシステムの関数です（aiofiles.os）：await(fs.stat(p)) は {size, mode, " ..
    "mtime, atime, ctime, type} を、fs.exists(p) は true か false を、fs.listdir(dir) は並べた名前を" ..
    "返します。ほかに fs.remove、fs.rename(from, to)、fs.mkdir(p[, mode])、fs.rmdir。どれも Python の " ..
    "OSError のサブクラスを投げます。",
  stdin = "標準入力を、ループから読む StreamReader として返します：一行を待つタスクがあってもほかの" ..
    "タスクは動き続けます（io.read() ならすべてが止まります）。何度呼んでも同じリーダーです。パイプ、" ..
    "端末、ファイル、/dev/null のどれでもかまいません。REPL では使えません（REPL 自身が標準入力を" ..
    "読むので、RuntimeError）。",
  PriorityQueue = "いちばん小さい要素から出す Queue です。要素は < で比べます。__lt メタメソッドのない" ..
    "テーブルは Python のタプルのように要素ごとに比べるので、{priority, data} が (priority, data) の" ..
    "ように使えます。ほかと比べられない要素は例外を投げ、入りません。メソッドは Queue と同じです。",
  LifoQueue = "最後に入れた要素から出す、スタックのような Queue です。maxsize の上限は同じく効き、" ..
    "メソッドは Queue と同じです。",
  async_generator = "Python の非同期ジェネレータを、ジェネリック for のループとして使います。fn は " ..
    "await でき、coroutine.yield で値を渡します。返る関数を引数つきで呼ぶと、fn(...) の yield を" ..
    "順に回す for のイテレータになります。ジェネレータが待っている間、囲むタスクは止まり、ほかの" ..
    "タスクが動きます。ループが途中で終わると（break、return、エラー）、ジェネレータは閉じられ、その " ..
    "<close> 変数が動きます（Python のジェネレータの finally を aclose() が動かすのと同じ）。その" ..
    "後始末では await できません。asyncio.run（またはスクリプト）が終わるときに yield で止まったままの" ..
    "ジェネレータは、そこで閉じられます（CPython の shutdown_asyncgens と同じ）：その yield で " ..
    "GeneratorExit が投げられ、後始末では await できます。",
  FIRST_COMPLETED = "asyncio.wait の return_when の値です：タスクか Future のどれか一つが終わると" ..
    "（成功でも、失敗でも、キャンセルでも）すぐに戻ります。ほかは動き続けます。",
  FIRST_EXCEPTION = "asyncio.wait の return_when の値です：どれか一つがエラーで失敗すると（キャンセルは" ..
    "数えません）すぐに戻り、失敗がなければすべてが終わったときに戻ります。エラーはタスクに残るので、" ..
    "t:exception() か await で取り出してください。",
  ALL_COMPLETED = "asyncio.wait の return_when の値で、その既定です：渡したタスクと Future がすべて" ..
    "終わったとき（timeout があれば、それが過ぎたとき）に戻ります。",

  -- Error classes
  BaseException = "エラークラスの根です。Class(message) でエラーを作り、error(e) で投げ、Class:is(e) で" ..
    "調べます：Class とそのサブクラスのインスタンスなら true、ほかのもの（Lua のふつうのエラーも）なら " ..
    "false です。e.message はメッセージ、e.cause は元になったエラーです。CancelledError、" ..
    "KeyboardInterrupt、SystemExit はこれを直接継ぎ、ほかのクラスは Exception を継ぎます。",
  Exception = "ふつうのエラーの基底です：ここのクラスのうち CancelledError、KeyboardInterrupt、" ..
    "SystemExit 以外のすべて。自分のエラーは asyncio.Exception:subclass(\"Name\") で作れます。pcall は" ..
    "すべてのエラーを捕まえるので、ふつうのエラーとキャンセルを見分けるには asyncio.Exception:is(e) を" ..
    "使います（Python の except Exception）。",
  CancelledError = "タスクがキャンセルされたとき（t:cancel(msg)、タイムアウト、失敗した TaskGroup）に" ..
    "そのタスクの待っている await で投げられ、キャンセルされたタスクや Future を await したときにも" ..
    "投げられます。Python と同じく Exception ではなく BaseException です。pcall はほかのエラーと同じく" ..
    "これを捕まえます：タスクが続けるべきでないなら error(e, 0) で投げ直してください。",
  KeyboardInterrupt = "Ctrl-C がプログラムを止めるときのエラーです。await しないコード（回り続ける" ..
    "ループ、time.sleep）にはその場で投げられ、await するコードは代わりにキャンセルされます。Ctrl-C で" ..
    "止まったスクリプトは KeyboardInterrupt と表示して終了ステータス 130 で終わります。プロンプトでは" ..
    "動いている入力だけが止まります。BaseException なので、asyncio.Exception:is(e) は false です。",
  SystemExit = "プロンプトで exit() が REPL を出るために投げるものです。BaseException です。引数は .code " ..
    "になります：誰も捕まえなければ、スクリプトでもプロンプトでも、プログラムはそのステータスで静かに" ..
    "終わるか（整数。なし：0、true：0、false：1）、そのテキストを表示して 1 で終わります（Python と" ..
    "同じ）。os.exit(n) は代わりにすぐ終わります。",
  TimeoutError = "期限が過ぎたときに asyncio.wait_for とタイムアウトスコープ（asyncio.timeout、" ..
    "asyncio.timeout_at）が投げ、as_completed の timeout の時点でまだ終わっていない awaitable も投げ" ..
    "ます。.cause は処理を止めた CancelledError です。Python と同じく OSError です。",
  InvalidStateError = "Future や Task を間違った状態で使うと投げられます：終わる前の f:result() や " ..
    "f:exception()（Result is not set.）、もう終わった Future への f:set_result や " ..
    "f:set_exception（invalid state）。Exception です。",
  QueueEmpty = "空のキューへの q:get_nowait() が投げます。await(q:get()) なら代わりに待ちます。" ..
    "Exception です。",
  QueueFull = "いっぱいのキュー（maxsize > 0 で maxsize 個入っている）への q:put_nowait(x) が投げます。" ..
    "await(q:put(x)) なら代わりに待ちます。Exception です。",
  QueueShutDown = "q:shutdown() の後のキューが投げます：put と put_nowait はすぐに、get と get_nowait は" ..
    "キューが空になったら（要素を捨てる shutdown(true) の後ならすぐに）。put や get で止まっている" ..
    "タスクは起きてこれを投げます。Exception です。",
  LimitOverrunError = "StreamReader の readuntil が、区切りをリーダーの limit の中で見つけられないか、" ..
    "その先で見つけたときに投げます。e.consumed は読み飛ばすバイト数です。readline はこれを " ..
    "ValueError に変えます。Exception です。",
  EOFError = "Python の組み込みの EOFError：入力が終わったことを表します。IncompleteReadError も" ..
    "その一つなので、Python の except EOFError と同じく asyncio.EOFError:is(e) で捕まえられます。" ..
    "Exception です。",
  IncompleteReadError = "StreamReader の readexactly と readuntil が、先にストリームが終わったときに" ..
    "投げます：e.partial は読めたバイト、e.expected は求めた数（readuntil では nil）です。Python と" ..
    "同じく引数は二つとも必要です（None は nil）。Python と同じく EOFError の一つです。",
  BrokenBarrierError = "壊れた Barrier（b:abort() の後）への b:wait() が投げ、Barrier が reset か " ..
    "abort されたときにそれを待っているタスクでも投げられます。Exception です。",
  BaseExceptionGroup = "少なくとも一つが Exception ではない BaseException（自分で作った " ..
    "asyncio.BaseException のサブクラス）であるエラーのグループです：子がそういうエラーを投げると、" ..
    "TaskGroup はこれを投げます。Exception だけを渡すと、Python と同じく ExceptionGroup ができます。" ..
    "asyncio.BaseExceptionGroup:is(e) はどちらのグループにも true です。BaseException です。",
  ExceptionGroup = "いくつものエラーを一つにしたものです：.message と、リストの .exceptions。TaskGroup は" ..
    "子のエラーをすべて持つこれ（unhandled errors in a TaskGroup）を投げます。Lua には except* が" ..
    "ないので、pcall で捕まえ、asyncio.ExceptionGroup:is(e) で調べ、e.exceptions を順に見てください。" ..
    "Exception であり BaseExceptionGroup でもあります。Exception ではない BaseException は受け付けません" ..
    "（TypeError: Cannot nest BaseExceptions in an ExceptionGroup）。",
  RuntimeError = "ランタイムの使い方が間違っているときに投げられます：コルーチンオブジェクトの二度目の " ..
    "await（cannot reuse already awaited coroutine）、タスクの外での await、持っていない Lock の解放、" ..
    "終わった TaskGroup、タスクの外のタイムアウトスコープ。自分で投げてもかまいません。Exception です。",
  ValueError = "型は正しいが値が間違っている引数に投げられます：NaN の delay、負の Semaphore の値、" ..
    "Barrier(0)、多すぎる task_done() の呼び出し、asyncio.wait への空のリスト、コルーチンオブジェクト" ..
    "でないものを渡した asyncio.run。自分で投げてもかまいません。Exception です。",
  TypeError = "awaitable が要るところに別のものが来たときに投げられます：await(42)、" ..
    "asyncio.create_task(42)、ふつうの値の ensure_future、asyncio.wait に渡したコルーチン" ..
    "オブジェクト。ほかの引数の型の間違いは Lua の bad argument のエラーになります。自分で投げても" ..
    "かまいません。Exception です。",
  AttributeError = "持っていない名前を読んだときに投げられます（Lua なら nil になるところです）：" ..
    "コルーチンオブジェクトのフィールド、つまり await を忘れたときに残るもの（r = asyncio.http.get(url); " ..
    "r.status：'coroutine' object has no attribute 'status'、足りない await を添えて）、そして " ..
    "asyncio、asyncio.subprocess、asyncio.fs、asyncio.http にない名前（module 'asyncio' has no " ..
    "attribute 'slep'. Did you mean: 'sleep'?）。.name はその名前、.obj は読んだ先です。" ..
    "rawget(asyncio, name) なら投げずに読めます。Exception です。",
  OverflowError = "受け取る側には大きすぎる数に投げられます：2^63 ナノ秒（約 292 年、math.huge も）を" ..
    "超える time.sleep。Python の time.sleep と同じです。Exception です（Python では " ..
    "ArithmeticError）。",
  OSError = "オペレーティングシステムが報告した失敗で、Python と同じです：.errno（32）、.code（システムで" ..
    "の名前、\"EPIPE\"）、.strerror、.filename と .filename2（rename の二つ目の名前：'a' -> 'b'）、" ..
    "そして Python のメッセージ（\"[Errno 32] Broken pipe\"）。OSError(errno, strerror) は、Python が" ..
    "その errno に選ぶサブクラスを作ります：BrokenPipeError（EPIPE）、ConnectionRefusedError、" ..
    "ConnectionResetError、ConnectionAbortedError（どれも ConnectionError）、FileNotFoundError" ..
    "（ENOENT）、FileExistsError、IsADirectoryError、NotADirectoryError、PermissionError（EACCES、" ..
    "EPERM）、ProcessLookupError（ESRCH）、ChildProcessError、BlockingIOError、InterruptedError、" ..
    "TimeoutError（ETIMEDOUT）。print は、stdout の読み手がいなくなると BrokenPipeError を投げ" ..
    "（luasync x.lua | head -1：プログラムはそのまま静かに終わり、ステータスは 141）、ディスクが" ..
    "いっぱいなら OSError を投げます。Exception です。",
  UnicodeError = "UnicodeDecodeError と UnicodeEncodeError の親で、Python と同じく ValueError です：" ..
    "ValueError:is(e) で両方を捕まえられます。",
  UnicodeDecodeError = "encoding を指定して開いたファイルに、デコードできないバイトがあったときの" ..
    "エラーで、Python と同じ文面です：'utf-8' codec can't decode byte 0xff in position 0: invalid " ..
    "start byte（ほかに invalid continuation byte、unexpected end of data、ascii なら ordinal not " ..
    "in range(128)、shift_jis なら illegal multibyte sequence）。.encoding、.start、[\"end\"]" ..
    "（Python と同じく 0 始まりで end は含みません）、.reason、.object（そのバイト列）を持ちます。" ..
    "errors = \"replace\" か \"ignore\" なら読み続けます。UnicodeError なので ValueError です。",
  UnicodeEncodeError = "encoding を指定して開いたファイルに書くテキストに、そのエンコーディングに" ..
    "ない文字があったときのエラーで、Python と同じ文面です：'latin-1' codec can't encode character " ..
    "'\\u3042' in position 0: ordinal not in range(256)（位置は文字で数えます）。.encoding、.start、" ..
    "[\"end\"]、.reason、.object（そのテキスト）を持ちます。errors = \"replace\" なら ? を、" ..
    "\"ignore\" なら何も書きません。UnicodeError なので ValueError です。",
  LookupError = "探した名前がないときのエラーで、Python と同じです：asyncio.open の知らない encoding は、" ..
    "呼んだところで LookupError: unknown encoding: xyz を投げます。Python の名前と別名" ..
    "（\"utf8\"、\"u8\"、\"latin1\"、\"l1\"、\"sjis\"、\"cp932\"、\"ujis\"、\"utf-8-sig\"...）を" ..
    "受け付けます。Exception です。",
  UnsupportedOperation = "モードに合わないファイルの使い方で、Python の io.UnsupportedOperation と同じ" ..
    "です：\"r\" で開いたファイルへの書き込みは UnsupportedOperation: not writable を、\"w\" で開いた" ..
    "ファイルからの読み込みは UnsupportedOperation: not readable を（await したときに）投げます。" ..
    "Python と同じく OSError でも ValueError でもあります：OSError:is(e) も ValueError:is(e) も true " ..
    "です。errno はありません。",
}

-- The subclasses of OSError, as help_module.lua's OS_ERRORS: what each
-- stands for.
local OS_ERRORS = {
  ConnectionError = "接続についての OSError で、下の四つの親です",
  BrokenPipeError = "EPIPE、ESHUTDOWN：読み手がいなくなったパイプやソケットへの書き込み" ..
    "（ConnectionError）の OSError です",
  ConnectionAbortedError = "ECONNABORTED（ConnectionError）の OSError です",
  ConnectionRefusedError = "ECONNREFUSED：そのアドレスで誰も待ち受けていない（ConnectionError）" ..
    "ときの OSError です",
  ConnectionResetError = "ECONNRESET：相手が接続をいきなり閉じた（ConnectionError）ときの OSError " ..
    "です",
  FileNotFoundError = "ENOENT：そのようなファイルやディレクトリがないときの OSError です",
  FileExistsError = "EEXIST の OSError です",
  IsADirectoryError = "EISDIR の OSError です",
  NotADirectoryError = "ENOTDIR の OSError です",
  PermissionError = "EACCES、EPERM の OSError です",
  ProcessLookupError = "ESRCH：そのようなプロセスがないときの OSError です",
  ChildProcessError = "ECHILD の OSError です",
  BlockingIOError = "EAGAIN、EWOULDBLOCK、EALREADY、EINPROGRESS の OSError です",
  InterruptedError = "EINTR の OSError です",
}
for name, what in pairs(OS_ERRORS) do
  texts[name] = what .. "。.errno、.code、.strerror、.filename を持ちます（help(asyncio.OSError)）。" ..
    "asyncio.OSError(errno, strerror) は、そうした errno に対してこれを作ります。"
end

return texts
