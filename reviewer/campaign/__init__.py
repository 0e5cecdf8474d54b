"""Campaign review: every recipient's rendered message, each distinct case reviewed once, locally or on Spark.

``reviewer campaign`` is the command (:mod:`reviewer.campaign.cli`); :func:`reviewer.campaign.spark.review_dataframe`
reviews a Spark DataFrame of recipients. Nothing heavy is imported here: the command line loads this package to
build its parser.
"""

SYNTAXES = ("auto", "liquid", "handlebars", "mailchimp", "salesforce")  # merge syntaxes a template may use
# The OpenAI Batch API's limits on one batch input file; --batch-max-requests and --batch-max-bytes lower them.
BATCH_MAX_REQUESTS = 50_000
BATCH_MAX_BYTES = 200_000_000
