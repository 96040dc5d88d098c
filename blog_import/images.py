"""Getting a post's images: from the export's folder, or downloaded from their address.

An image found once is kept (`ImportedImage`) and used again by later posts and later
imports. One that cannot be had raises `ImageUnavailable` with the reason.
"""

import hashlib
import io
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import requests
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection
from willow.image import Image as WillowImage

from .models import ImportedImage

DOWNLOAD_TIMEOUT = 15
MAX_IMAGE_BYTES = 20 * 1024 * 1024
TITLE_MAX_LENGTH = 255


class ImageUnavailable(Exception):
    pass


def address_key(address):
    return hashlib.sha256(address.encode()).hexdigest()


class ImageFinder:
    """Finds images for one export: `folder` is where its files are, `base` the address
    relative ones are read from, `user` who the new images are uploaded by."""

    def __init__(self, folder=None, base="", user=None):
        self.folder = folder.resolve() if folder else None
        self.base = base
        self.user = user
        self.session = requests.Session()

    def known(self, address):
        """The image already imported from `address`, without fetching anything."""
        found = ImportedImage.objects.filter(address_key=address_key(address)).first()
        return found.image if found else None

    def get(self, address, alt_text="", page_address=""):
        """The Wagtail image for `address`, made from its file if it is not known yet."""
        address = (
            urljoin(page_address or self.base, address) if self.base or page_address else address
        )
        image = self.known(address)
        if image is not None:
            return image
        data, filename = self.read(address)
        try:
            WillowImage.open(io.BytesIO(data)).get_size()
        except Exception as error:  # Willow raises many kinds for a file that is no image.
            raise ImageUnavailable("the file is not an image that can be read") from error
        title = (alt_text or PurePosixPath(filename).stem.replace("-", " "))[:TITLE_MAX_LENGTH]
        image = get_image_model()(
            title=title or filename,
            description=alt_text[:TITLE_MAX_LENGTH],
            uploaded_by_user=self.user,
            collection=Collection.get_first_root_node(),
            file=ImageFile(io.BytesIO(data), name=filename),
        )
        image.save()
        ImportedImage.objects.create(
            address_key=address_key(address), address=address, image=image
        )
        return image

    def read(self, address):
        local = self.local_file(address)
        if local is not None:
            return local.read_bytes(), local.name
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https"):
            raise ImageUnavailable("not in the export's folder, and no web address to fetch it")
        filename = PurePosixPath(unquote(parts.path)).name or "image"
        try:
            with self.session.get(address, timeout=DOWNLOAD_TIMEOUT, stream=True) as response:
                if response.status_code != 200:
                    raise ImageUnavailable(f"the server answered {response.status_code}")
                data = b""
                for chunk in response.iter_content(64 * 1024):
                    data += chunk
                    if len(data) > MAX_IMAGE_BYTES:
                        raise ImageUnavailable(f"larger than {MAX_IMAGE_BYTES} bytes")
        except requests.RequestException as error:
            raise ImageUnavailable(f"cannot be downloaded ({type(error).__name__})") from error
        return data, filename

    def local_file(self, address):
        """The file in the export's folder at the end of the address's path, if any.

        WordPress keeps images under wp-content/uploads/…, Ghost under content/images/…:
        the folder may hold the whole path or only its last parts.
        """
        if self.folder is None:
            return None
        parts = [part for part in unquote(urlsplit(address).path).split("/") if part]
        for start in range(len(parts)):
            candidate = Path(self.folder, *parts[start:]).resolve()
            if candidate.is_relative_to(self.folder) and candidate.is_file():
                return candidate
        return None
