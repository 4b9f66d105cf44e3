from trialtracker.cli import main

raise SystemExit(main())
