import sys

from reviewer.cli.main import main

sys.exit(main())
