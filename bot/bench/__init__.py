"""``bot bench``: evidence of answer quality, speed and robustness, measured in one run.

Quality against simple baselines (``baselines``, ``quality``), match latency on the real
and on synthetic larger tables (``synthetic``, ``latency``), start-up, reload and
memory (``startup``), and the real bot process against the Bot API stand-in
(``endtoend``); ``report`` prints the table and writes the JSON.
"""
