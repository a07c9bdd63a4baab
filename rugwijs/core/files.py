"""Serving a stored file through a view that checked who may have it, with byte ranges for video.

Browsers fetch video in ranges (to start quickly and to seek); Django's FileResponse always sends the
whole file and WhiteNoise only serves static files, so the one Range form browsers use
(`bytes=start-end`, a single range) is handled here. Anything else gets the whole file, as the HTTP
standard allows.
"""

import mimetypes
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _chunks(handle, length: int):
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                return
            length -= len(data)
            yield data
    finally:
        handle.close()


def private_file_response(request, field_file, *, filename: str, as_attachment: bool = False, max_age: int = 3600):
    """The file for this one person: the browser may keep it a while, a shared cache never."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    size = field_file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match and (match.group(1) or match.group(2)):
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        else:  # the last N bytes
            start, end = max(size - int(last), 0), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _private(response, max_age)
        handle = field_file.open("rb")
        handle.seek(start)
        response = StreamingHttpResponse(_chunks(handle, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            field_file.open("rb"), content_type=content_type, as_attachment=as_attachment, filename=filename
        )
    response["Accept-Ranges"] = "bytes"
    return _private(response, max_age)


def _private(response, max_age: int):
    patch_cache_control(response, private=True, max_age=max_age)
    return response
