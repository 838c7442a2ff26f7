"""JSON bodies parsed off the event loop (issue 16, item 2). FastAPI parses a request's JSON body on the
event loop; a 1 MiB body takes tens of milliseconds there, during which no other request moves. Routes
built with :class:`OffLoopRoute` parse bodies over ``OFF_LOOP_BYTES`` in the thread pool instead (FastAPI's
custom request and route class pattern); smaller ones stay on the loop, where a thread hop would cost
more than the parse."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

OFF_LOOP_BYTES = 32 * 1024


class OffLoopJsonRequest(Request):
    parsed_off_loop = False

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            if len(body) > OFF_LOOP_BYTES:
                self._json = await run_in_threadpool(json.loads, body)
                self.parsed_off_loop = True
            else:
                self._json = json.loads(body)
        return self._json


class OffLoopRoute(APIRoute):
    """An ``APIRoute`` whose handler sees an :class:`OffLoopJsonRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def off_loop_handler(request: Request) -> Response:
            return await handler(OffLoopJsonRequest(request.scope, request.receive))

        return off_loop_handler
