"""Every model of the app, for Django's model discovery: each capability keeps
its models in its own package, and importing them here registers them under
the one app label `directory` (tables and migrations are unchanged).

The names the historical migrations import (`GeneratedName`,
`TranslatedNameMixin`, `UserManager`) are kept importable from here."""

from directory.accounts.models import User, UserManager
from directory.capabilities.models import (
    Audience,
    BusinessCertificate,
    ConstructionMethod,
    Country,
    FootwearType,
    KbliCode,
    Material,
    Service,
)
from directory.connect.models import (
    CollaborationPost,
    CollaborationPostQuerySet,
    Inquiry,
    InquiryQuerySet,
    PostStatus,
    ProfileViewDay,
    RankedPartners,
)
from directory.listings.history import BusinessChange, ModerationLog
from directory.listings.models import (
    FIRST_FOUNDING_YEAR,
    PUBLIC,
    STALE_MONTHS,
    UNVERIFY_MONTHS,
    Business,
    BusinessPhoto,
    BusinessPhotoQuerySet,
    BusinessQuerySet,
    BusinessSize,
    ListingStatus,
    MarketplaceShop,
    Product,
    months_before,
)
from directory.money.models import ExchangeRate
from directory.naming import GeneratedName, SlugNaturalKeyManager, TranslatedNameMixin, localized, unique_slug
from directory.places.models import Province, Regency, Sentra
from directory.review.models import BusinessClaim, ClaimStatus
from directory.search.models import GlossaryTerm, SearchWord
from directory.sourcing.models import (
    BlockedSender,
    Invitation,
    Quote,
    RequestAttachment,
    SourcingRequest,
    SourcingSettings,
)
from directory.stewardship.models import DuplicateDismissal, ListImport, MergedSlug
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage

__all__ = [
    "FIRST_FOUNDING_YEAR",
    "PUBLIC",
    "STALE_MONTHS",
    "UNVERIFY_MONTHS",
    "Audience",
    "BlockedSender",
    "Business",
    "BusinessCertificate",
    "BusinessChange",
    "BusinessClaim",
    "BusinessPhoto",
    "BusinessPhotoQuerySet",
    "BusinessQuerySet",
    "BusinessSize",
    "Certification",
    "ClaimStatus",
    "CollaborationPost",
    "CollaborationPostQuerySet",
    "ConstructionMethod",
    "Country",
    "DuplicateDismissal",
    "ExchangeRate",
    "FootwearType",
    "GeneratedName",
    "GlossaryTerm",
    "Inquiry",
    "InquiryQuerySet",
    "Invitation",
    "KbliCode",
    "ListImport",
    "ListingStatus",
    "MarketplaceShop",
    "Material",
    "MergedSlug",
    "ModerationLog",
    "PostStatus",
    "Product",
    "ProductCategory",
    "ProfileViewDay",
    "Province",
    "Quote",
    "RankedPartners",
    "Regency",
    "RequestAttachment",
    "Role",
    "SearchWord",
    "Sentra",
    "Service",
    "SlugNaturalKeyManager",
    "SourcingRequest",
    "SourcingSettings",
    "Stage",
    "TranslatedNameMixin",
    "User",
    "UserManager",
    "localized",
    "months_before",
    "unique_slug",
]

# Loaded in every process: a committed change names the reference rows each
# process holds (caching.AFTER_REFERENCE_CHANGE), whichever process made it.
from directory.taxonomy import reference  # noqa: F401
